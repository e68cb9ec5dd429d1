package web

import (
	"net/http"
	"strings"

	"github.com/wei-platform/wei/account"
	"github.com/wei-platform/wei/internal/locale"
)

// CSRFFieldName is the name of the hidden form field that carries the CSRF
// token (see the "csrf" template).
const CSRFFieldName = "csrf_token"

// Page is what every page template gets: the language, the signed-in user,
// the wijk and the navigation. Each page's struct embeds it, so templates
// read .L, .Lang, .User... directly.
type Page struct {
	L         *locale.Localizer
	Lang      string // "nl" or "en"; the lang attribute of <html>
	Title     string // shown in <title>, before the wijk and site name
	Assets    *Assets
	User      *account.User // nil for a visitor who is not signed in
	WijkSlug  string        // empty outside a wijk
	WijkName  string
	Nav       []NavItem
	CSRFToken string
	RequestID string
	Flash     string // a one-time message, e.g. "De gegevens zijn opgeslagen."
	Path      string // the path of this page: where the language switch returns to
}

// NavItem is one link of the main navigation.
type NavItem struct {
	Href    string
	Label   string
	Current bool // rendered as aria-current="page"
}

// Field is the data of the "field" template: one labelled form control with
// its hint and error message. Label, Hint and Error are shown as they are;
// Localize fills them from locale keys.
//
// Type is an input type ("text", "email", "tel", "password", "date",
// "number"...) or one of "textarea", "select" and "checkbox"; empty means
// "text". A field that is not Required shows "(niet verplicht)" after its
// label, except checkboxes.
type Field struct {
	ID           string // the control's id; InputID gives "f-" + Name when empty
	Name         string
	Label        string
	Type         string
	Value        string
	Error        string // the message, already translated; empty when valid
	Hint         string
	Required     bool
	Autocomplete string   // e.g. "email", "name", "tel", "one-time-code", "off"
	Inputmode    string   // e.g. "numeric" for a code
	Checked      bool     // checkbox only
	Options      []Option // select only: {Value, Label, Selected}

	ErrorPrefix  string // "Fout:"; set by Localize
	OptionalText string // "(niet verplicht)"; set by Localize
}

// InputID returns the id of the field's control.
func (f Field) InputID() string {
	if f.ID != "" {
		return f.ID
	}
	return "f-" + f.Name
}

// Describedby returns the value of the control's aria-describedby: the ids
// of its hint and error message, or "".
func (f Field) Describedby() string {
	var ids []string
	if f.Hint != "" {
		ids = append(ids, f.InputID()+"-hint")
	}
	if f.Error != "" {
		ids = append(ids, f.InputID()+"-error")
	}
	return strings.Join(ids, " ")
}

// Control returns the kind of control to render: "textarea", "select",
// "checkbox" or "input".
func (f Field) Control() string {
	switch f.Type {
	case "textarea", "select", "checkbox":
		return f.Type
	}
	return "input"
}

// InputType returns the type attribute of an input, "text" when empty.
func (f Field) InputType() string {
	if f.Type == "" {
		return "text"
	}
	return f.Type
}

// Localize returns f with its texts in l's language: the label from
// labelKey; the hint from the key that replaces a final ".label" of labelKey
// by ".hint" (or appends ".hint"), when that key exists and no Hint was set;
// the error from errs[f.Name], a locale key as the domain's Validate methods
// return them (wei.FieldErrors); and the error prefix and optional marker.
func (f Field) Localize(l *locale.Localizer, labelKey string, errs map[string]string) Field {
	f.Label = l.T(labelKey)
	if f.Hint == "" {
		if k := hintKey(labelKey); l.Has(k) {
			f.Hint = l.T(k)
		}
	}
	if key, ok := errs[f.Name]; ok && key != "" {
		f.Error = l.T(key)
	}
	f.ErrorPrefix = l.T("error.prefix")
	f.OptionalText = l.T("common.optional")
	return f
}

func hintKey(labelKey string) string {
	if base, ok := strings.CutSuffix(labelKey, ".label"); ok {
		return base + ".hint"
	}
	return labelKey + ".hint"
}

// ErrorSummary is the data of the "errorsummary" template: the list at the
// top of a form that was not filled in correctly, with a link to each field.
type ErrorSummary struct {
	Title string
	Items []ErrorItem
}

// ErrorItem is one message of an ErrorSummary. Href is "#" + the field's id,
// or empty for a message about the whole form (e.g. error.login_failed).
type ErrorItem struct {
	Href string
	Text string
}

// NewErrorSummary returns the summary of the fields that have an error, in
// their order, or nil when none has: {{template "errorsummary" .Errors}}
// then renders nothing.
func NewErrorSummary(l *locale.Localizer, fields ...Field) *ErrorSummary {
	s := &ErrorSummary{Title: l.T("error.form")}
	for _, f := range fields {
		if f.Error != "" {
			s.Items = append(s.Items, ErrorItem{Href: "#" + f.InputID(), Text: f.Error})
		}
	}
	if len(s.Items) == 0 {
		return nil
	}
	return s
}

// Alert is the data of the "alert" template: a message box. Kind is "info",
// "ok", "warning" or "error"; the box starts with a written prefix for its
// kind ("Let op:"), so the kind does not rest on colour alone.
type Alert struct {
	Kind    string
	Prefix  string // set by NewAlert
	Heading string // optional
	Text    string
}

// NewAlert returns an alert of kind with text, the prefix in l's language.
func NewAlert(l *locale.Localizer, kind, text string) Alert {
	switch kind {
	case "info", "ok", "warning", "error":
	default:
		kind = "info"
	}
	return Alert{Kind: kind, Prefix: l.T("alert." + kind), Text: text}
}

// ErrorPage is the data of the "error" template.
type ErrorPage struct {
	Page
	Status  int
	Heading string
	Message string
}

// NewErrorPage returns the error page for an HTTP status, with the heading
// and message for that status in p's language. The request ID in p is shown
// as "Foutcode: ..." so that a user can quote it.
func NewErrorPage(p Page, status int) ErrorPage {
	key := errorKey(status)
	p.Title = p.L.T(key + ".title")
	return ErrorPage{Page: p, Status: status, Heading: p.Title, Message: p.L.T(key + ".text")}
}

func errorKey(status int) string {
	switch status {
	case http.StatusBadRequest:
		return "error.bad_request"
	case http.StatusUnauthorized:
		return "error.unauthorized"
	case http.StatusForbidden:
		return "error.forbidden"
	case http.StatusNotFound:
		return "error.not_found"
	case http.StatusConflict:
		return "error.conflict"
	case http.StatusTooManyRequests:
		return "error.too_many"
	}
	if status >= 400 && status < 500 {
		return "error.bad_request"
	}
	return "error.internal"
}
