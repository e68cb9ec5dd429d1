package web

import (
	"net/http"
	"net/url"
	"strconv"
	"time"

	"github.com/wei-platform/wei/account"
	"github.com/wei-platform/wei/internal/locale"
	"github.com/wei-platform/wei/signaal"
	"github.com/wei-platform/wei/wijk"
)

// What the pages of signals, house visits and the who-does-what register
// share: labels of themes and statuses, the buurten of the wijk, and the
// signals navigation.

// signalsNav is where the "Signalen" item of the main navigation leads:
// the list for those who may see signals, the public overview (with the
// link to report a problem) for everyone else.
func signalsNav(rc *request, base string) string {
	if rc.Actor.Can(account.PermViewSignals, rc.Wijk.ID) {
		return base + "/signalen"
	}
	return base + "/signalen/overzicht"
}

// signalsBase is the URL of the wijk's signals.
func signalsBase(rc *request) string { return "/w/" + rc.Wijk.Slug + "/signalen" }

// themeLabel is the text of a theme: the wijk's own label, else the
// locale's, else the key itself.
func themeLabel(l *locale.Localizer, themes []signaal.Theme, key string) string {
	for _, t := range themes {
		if t.Key == key && t.Label != "" {
			return t.Label
		}
	}
	if k := "signals.theme." + key; l.Has(k) {
		return l.T(k)
	}
	return key
}

// themeOptions are the active themes as select options, after a "choose"
// option when choose is not empty.
func themeOptions(l *locale.Localizer, themes []signaal.Theme, selected, choose string) []Option {
	var out []Option
	if choose != "" {
		out = append(out, Option{Value: "", Label: choose, Selected: selected == ""})
	}
	for _, t := range themes {
		if !t.Archived {
			out = append(out, Option{Value: t.Key, Label: themeLabel(l, themes, t.Key), Selected: t.Key == selected})
		}
	}
	return out
}

// keyOptions are options for fixed keys with texts prefix+key.
func keyOptions(l *locale.Localizer, keys []string, prefix, selected string) []Option {
	out := make([]Option, 0, len(keys))
	for _, k := range keys {
		out = append(out, Option{Value: k, Label: l.T(prefix + k), Selected: k == selected})
	}
	return out
}

// buurtNames maps the wijk's buurt IDs to their names.
func (h *Handler) buurtNames(r *http.Request, rc *request) ([]wijk.Buurt, map[string]string, error) {
	bs, err := h.store.Buurten(ctx(r), rc.Wijk.ID)
	if err != nil {
		return nil, nil, err
	}
	names := make(map[string]string, len(bs))
	for _, b := range bs {
		names[b.ID] = b.Name
	}
	return bs, names, nil
}

// buurtOptions are the wijk's buurten as select options after first.
func buurtOptions(bs []wijk.Buurt, selected string, first Option) []Option {
	first.Selected = selected == ""
	out := []Option{first}
	for _, b := range bs {
		out = append(out, Option{Value: b.ID, Label: b.Name, Selected: b.ID == selected})
	}
	return out
}

// signalRow is one signal in a list.
type signalRow struct {
	ID, Title      string
	Theme, Buurt   string
	Urgency        string
	UrgencyKey     string
	Status         string
	StatusKey      string
	Source         string
	CreatedAt      time.Time
	SolvedAt       time.Time
	Grouped        bool
	RejectReason   string
	PersonalErased bool
}

func newSignalRow(l *locale.Localizer, themes []signaal.Theme, buurten map[string]string, sg signaal.Signal) signalRow {
	return signalRow{ID: sg.ID, Title: sg.Title, Theme: themeLabel(l, themes, sg.Theme), Buurt: buurten[sg.BuurtID],
		Urgency: l.T("signals.urgency." + sg.Urgency), UrgencyKey: sg.Urgency, Status: l.T("signals.status." + sg.Status), StatusKey: sg.Status,
		Source: l.T("signals.source." + sg.Source), CreatedAt: sg.CreatedAt, SolvedAt: sg.SolvedAt, Grouped: sg.GroupID != "",
		RejectReason: sg.RejectReason, PersonalErased: !sg.PersonalErasedAt.IsZero()}
}

// subNav is the navigation between the signal pages the user may open.
type subNav struct {
	Label string
	Items []NavItem
}

func signalSubNav(r *http.Request, rc *request) subNav {
	base := "/w/" + rc.Wijk.Slug
	wid := rc.Wijk.ID
	n := subNav{Label: rc.L.T("signals.subnav.label")}
	add := func(href, key string) {
		n.Items = append(n.Items, NavItem{Href: href, Label: rc.L.T(key), Current: r.URL.Path == href})
	}
	if rc.Actor.Can(account.PermViewSignals, wid) {
		add(base+"/signalen", "signals.list.title")
	}
	add(base+"/signalen/nieuw", "signals.new.title")
	add(base+"/signalen/mijn", "signals.mine.title")
	if rc.Actor.Can(account.PermRecordVisit, wid) {
		add(base+"/huisbezoeken", "visits.list.title")
	}
	if rc.Actor.Can(account.PermViewSignals, wid) {
		add(base+"/wie-doet-wat", "register.title")
	}
	add(base+"/signalen/overzicht", "signals.public.title")
	if rc.Actor.Can(account.PermEditSignals, wid) {
		add(base+"/signalen/themas", "signals.themes.title")
		add(base+"/signalen/bewaartermijnen", "signals.retention.title")
	}
	return n
}

// query keeps the filter values of a list in its links.
func filterQuery(values map[string]string) string {
	q := url.Values{}
	for k, v := range values {
		if v != "" {
			q.Set(k, v)
		}
	}
	if len(q) == 0 {
		return ""
	}
	return "?" + q.Encode()
}

// atoiOr reads a whole number from a form value; def when empty, -1 when
// it is not a number.
func atoiOr(s string, def int) int {
	if s == "" {
		return def
	}
	n, err := strconv.Atoi(s)
	if err != nil {
		return -1
	}
	return n
}
