package web

import (
	"net/http"
	"strings"

	"github.com/wei-platform/wei"
	"github.com/wei-platform/wei/account"
	"github.com/wei-platform/wei/internal/locale"
	"github.com/wei-platform/wei/internal/store"
	"github.com/wei-platform/wei/privacy"
	"github.com/wei-platform/wei/wijk"
)

// page fills the common part of every page: language, user, navigation.
func (h *Handler) page(r *http.Request, rc *request, title string) Page {
	p := Page{L: rc.L, Lang: rc.L.Lang(), Title: title, Assets: h.assets, User: rc.Actor.User, CSRFToken: rc.CSRF, RequestID: rc.RequestID, Path: r.URL.RequestURI()}
	if rc.Flash != "" {
		p.Flash = rc.L.T(rc.Flash)
	}
	path := r.URL.Path
	add := func(href, key string) {
		cur := path == href || (href != "/" && strings.HasPrefix(path, href+"/") && !strings.HasPrefix(path, href+"/beheer"))
		p.Nav = append(p.Nav, NavItem{Href: href, Label: rc.L.T(key), Current: cur})
	}
	if rc.Wijk != nil {
		w := rc.Wijk
		p.WijkSlug, p.WijkName = w.Slug, w.Name
		base := "/w/" + w.Slug
		p.Nav = append(p.Nav, NavItem{Href: base, Label: rc.L.T("nav.home"), Current: path == base})
		add(base+"/initiatieven", "nav.initiatives")
		add(base+"/organisaties", "nav.organisations")
		add(base+"/buurten", "nav.buurten")
		add(base+"/kaart", "cbs.nav.map")
		add(base+"/boekhouding", "books.nav")
		add(base+"/impact", "sroi.nav")
		if rc.Actor.SignedIn() {
			add(base+"/tijdbank", "timebank.nav")
		}
		add(signalsNav(rc, base), "signals.nav")
		add(base+"/dialogen", "dialoog.nav")
		add(base+"/wijkpact", "pact.nav")
		add(base+"/wijkbudget", "wijkbudget.nav")
		if rc.Actor.Can(account.PermViewOverleg, w.ID) {
			add(base+"/overleg", "overleg.nav")
		}
		if rc.Actor.Can(account.PermViewPeople, w.ID) {
			add(base+"/mensen", "nav.people")
		}
		if rc.Actor.Can(account.PermViewFlow, w.ID) {
			add(base+"/stroom", "flow.nav")
		}
		if rc.Actor.Can(account.PermManageRoles, w.ID) {
			add(base+"/beheer/rollen", "nav.admin")
		}
	} else {
		p.Nav = append(p.Nav, NavItem{Href: "/", Label: rc.L.T("nav.wijken"), Current: path == "/"})
	}
	if rc.Actor.SignedIn() {
		add("/mijn", "nav.mine")
		if rc.Actor.User.IsAdmin {
			add("/beheer", "nav.site_admin")
		}
	}
	return p
}

// form holds a submitted form's values and errors, for re-rendering.
type form struct {
	Values map[string]string
	Errors map[string]string // field -> translated message
}

func newForm() form { return form{Values: map[string]string{}, Errors: map[string]string{}} }

// fill copies the named fields from a posted request.
func (f form) fill(r *http.Request, names ...string) form {
	for _, n := range names {
		f.Values[n] = strings.TrimSpace(r.PostFormValue(n))
	}
	return f
}

// setErr translates the field errors of err into the form; it returns false
// when err is not a validation error.
func (f form) setErr(rc *request, err error) bool {
	var e *wei.Error
	if !asWeiError(err, &e) || (e.Code != wei.EINVALID && e.Code != wei.ECONFLICT) {
		return false
	}
	for field, key := range e.Fields {
		f.Errors[field] = rc.L.T(key)
	}
	if len(e.Fields) == 0 {
		f.Errors["_"] = e.Message
		if e.Code == wei.ECONFLICT {
			f.Errors["_"] = rc.L.T("error.conflict")
		}
	}
	return true
}

// Field returns the data of the "field" partial for a form field: the
// label from labelKey, its hint when the locale has one, and the value and
// error message the form holds.
func (f form) Field(l *locale.Localizer, name, labelKey, typ, autocomplete string, required bool) Field {
	fl := Field{Name: name, Type: typ, Value: f.Values[name], Required: required, Autocomplete: autocomplete}.Localize(l, labelKey, nil)
	fl.Error = f.Errors[name]
	return fl
}

// Select is Field for a select with options.
func (f form) Select(l *locale.Localizer, name, labelKey string, required bool, options []Option) Field {
	fl := f.Field(l, name, labelKey, "select", "", required)
	fl.Options = options
	return fl
}

// Check is Field for a checkbox with value "yes".
func (f form) Check(l *locale.Localizer, name, labelKey string) Field {
	fl := f.Field(l, name, labelKey, "checkbox", "", true)
	fl.Value, fl.Checked = "yes", f.Values[name] == "yes"
	return fl
}

// HasErrors reports whether the form has errors.
func (f form) HasErrors() bool { return len(f.Errors) > 0 }

// Summary returns the error summary of the form, fields in the given
// order, then errors about the form as a whole; nil when there are none.
func (f form) Summary(l *locale.Localizer, order ...string) *ErrorSummary {
	if len(f.Errors) == 0 {
		return nil
	}
	s := &ErrorSummary{Title: l.T("error.form")}
	seen := map[string]bool{}
	for _, n := range order {
		if m, ok := f.Errors[n]; ok {
			s.Items = append(s.Items, ErrorItem{Href: "#f-" + n, Text: m})
			seen[n] = true
		}
	}
	for n, m := range f.Errors {
		if !seen[n] {
			s.Items = append(s.Items, ErrorItem{Text: m})
		}
	}
	return s
}

type homePage struct {
	Page
	Wijken []wijk.Wijk
}

type loginPage struct {
	Page
	Form   form
	Next   string
	Sent   bool
	Staff  bool
	Email  string
	Wijken []Option
}

type confirmPage struct {
	Page
	Token string
	Valid bool
}

type minePage struct {
	Page
	People      []personWithWijk
	Memberships []store.MembershipView
	Roles       []roleLine
}

type personWithWijk struct {
	wijk.Person
	WijkName, WijkSlug string
}

type roleLine struct {
	WijkName, WijkSlug string
	Role               string
	Organisation       string
}

type erasePage struct {
	Page
	Form form
}

type tokensPage struct {
	Page
	Tokens   []store.APIToken
	NewToken string
	Form     form
}

type wijkHomePage struct {
	Page
	Wijk          wijk.Wijk
	Buurten       []wijk.Buurt
	People        int
	Initiatives   []orgGroup
	Partners      []orgGroup
	Cooperaties   []wijk.Organisation
	Recent        []wijk.Organisation
	CanEditOrgs   bool
	InitiativeNum int
	PartnerNum    int
}

type orgGroup struct {
	Key   string // form or domain
	Label string
	Orgs  []wijk.Organisation
}

type buurtenPage struct {
	Page
	Wijk    wijk.Wijk
	Buurten []wijk.Buurt
}

type organisationsPage struct {
	Page
	Groups  []orgGroup
	CanEdit bool
	Filter  string
	Forms   []Option
}

type organisationPage struct {
	Page
	Org           wijk.Organisation
	FormLabel     string
	DomainLabel   string
	Members       []store.MembershipView
	MemberCount   int
	CanSeeMembers bool
	CanEdit       bool
	CanAddMember  bool
	MemberForm    form
	People        []Option
	MemberRoles   []Option
}

type organisationFormPage struct {
	Page
	Org     wijk.Organisation
	IsNew   bool
	Form    form
	Forms   []Option
	Domains []Option
}

type peoplePage struct {
	Page
	People  []wijk.Person
	Buurten map[string]string
	CanEdit bool
}

type personPage struct {
	Page
	Person      wijk.Person
	BuurtName   string
	ConsentBy   string
	Memberships []store.MembershipView
	CanEdit     bool
}

type personFormPage struct {
	Page
	Person  wijk.Person
	IsNew   bool
	Form    form
	Buurten []Option
}

type rolesPage struct {
	Page
	Grants        []store.GrantView
	Form          form
	Roles         []Option
	Organisations []Option
}

type auditPage struct {
	Page
	Entries []privacy.AuditEntry
	Names   map[string]string
}

type adminPage struct {
	Page
	Wijken []wijk.Wijk
	Form   form
}

type outboxPage struct {
	Page
	Mails []store.Mail
}

// Option is one choice of a select field.
type Option struct {
	Value    string
	Label    string
	Selected bool
}
