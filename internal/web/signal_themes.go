package web

import (
	"net/http"

	"github.com/wei-platform/wei/signaal"
)

// signalThemesPage edits the wijk's themes: a label of its own for each,
// archive the ones that do not fit, add new ones.
type signalThemesPage struct {
	Page
	Sub     subNav
	Summary *ErrorSummary
	Themes  []themeRow
	New     Field
	Error   string
}

type themeRow struct {
	Key      string
	Default  string // the locale text of a default theme, "" for the wijk's own
	Label    Field
	Archived Field
}

func (h *Handler) signalThemes(w http.ResponseWriter, r *http.Request, rc *request) {
	themes, err := h.store.Themes(ctx(r), rc.Wijk.ID)
	if err != nil {
		h.serverError(w, r, rc, err)
		return
	}
	f := newForm()
	for _, t := range themes {
		f.Values["label_"+t.Key] = t.Label
		if t.Archived {
			f.Values["archived_"+t.Key] = "yes"
		}
	}
	h.renderThemes(w, r, rc, http.StatusOK, themes, f)
}

func (h *Handler) renderThemes(w http.ResponseWriter, r *http.Request, rc *request, status int, themes []signaal.Theme, f form) {
	l := rc.L
	p := signalThemesPage{Page: h.page(r, rc, l.T("signals.themes.title")), Sub: signalSubNav(r, rc),
		New: f.Field(l, "new_label", "signals.themes.new", "text", "off", false), Error: f.Errors["themes"]}
	for _, t := range themes {
		row := themeRow{Key: t.Key,
			Label:    f.Field(l, "label_"+t.Key, "signals.themes.label", "text", "off", !signaal.IsDefaultTheme(t.Key)),
			Archived: f.Check(l, "archived_"+t.Key, "signals.themes.archived")}
		if signaal.IsDefaultTheme(t.Key) {
			row.Default = l.T("signals.theme." + t.Key)
			row.Label.Hint = l.T("signals.themes.label.default", row.Default)
		}
		row.Label.Label = l.T("signals.themes.label_of", themeLabel(l, themes, t.Key))
		row.Archived.Label = l.T("signals.themes.archived_of", themeLabel(l, themes, t.Key))
		p.Themes = append(p.Themes, row)
	}
	if msg := f.Errors["label"]; msg != "" {
		p.Summary = &ErrorSummary{Title: l.T("error.form"), Items: []ErrorItem{{Text: msg}}}
	}
	if p.Error != "" {
		p.Summary = &ErrorSummary{Title: l.T("error.form"), Items: []ErrorItem{{Text: p.Error}}}
	}
	h.renderStatus(w, r, rc, status, "signal_themes.html", p)
}

// signalThemesSave stores the edited theme list.
func (h *Handler) signalThemesSave(w http.ResponseWriter, r *http.Request, rc *request) {
	current, err := h.store.Themes(ctx(r), rc.Wijk.ID)
	if err != nil {
		h.serverError(w, r, rc, err)
		return
	}
	f := newForm().fill(r, "new_label")
	var next []signaal.Theme
	for _, t := range current {
		f = f.fill(r, "label_"+t.Key, "archived_"+t.Key)
		next = append(next, signaal.Theme{Key: t.Key, Label: f.Values["label_"+t.Key], Archived: f.Values["archived_"+t.Key] == "yes"})
	}
	if label := f.Values["new_label"]; label != "" {
		key := signaal.ThemeKey(label)
		if key == "" {
			key = "-" // refused by ValidateThemes with a message
		}
		next = append(next, signaal.Theme{Key: key, Label: label})
	}
	if err := h.store.SetThemes(ctx(r), rc.Wijk.ID, next); err != nil {
		if !f.setErr(rc, err) {
			h.serverError(w, r, rc, err)
			return
		}
		h.renderThemes(w, r, rc, http.StatusBadRequest, current, f)
		return
	}
	h.flash(w, "flash.saved")
	http.Redirect(w, r, signalsBase(rc)+"/themas", http.StatusSeeOther)
}
