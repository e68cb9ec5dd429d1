package web

import (
	"net/http"

	"github.com/wei-platform/wei/account"
	"github.com/wei-platform/wei/internal/store"
	"github.com/wei-platform/wei/signaal"
)

// signalListPage is the list of the wijk's signals with filters by theme,
// buurt and status.
type signalListPage struct {
	Page
	Sub      subNav
	Signals  []signalRow
	Theme    Field
	Buurt    Field
	Status   Field
	Filtered bool
	Counts   []statusCount
	CanEdit  bool
}

type statusCount struct {
	Label string
	N     int
}

// signals lists the signals of the wijk, newest first.
func (h *Handler) signals(w http.ResponseWriter, r *http.Request, rc *request) {
	l := rc.L
	q := r.URL.Query()
	themes, err := h.store.Themes(ctx(r), rc.Wijk.ID)
	if err != nil {
		h.serverError(w, r, rc, err)
		return
	}
	bs, buurten, err := h.buurtNames(r, rc)
	if err != nil {
		h.serverError(w, r, rc, err)
		return
	}
	f := store.SignalFilter{Theme: q.Get("thema"), BuurtID: q.Get("buurt"), Status: q.Get("status")}
	if !signaal.HasTheme(themes, f.Theme) {
		f.Theme = ""
	}
	if _, ok := buurten[f.BuurtID]; !ok {
		f.BuurtID = ""
	}
	statusKeys := append([]string{"open"}, signaal.Statuses...)
	valid := false
	for _, s := range statusKeys {
		valid = valid || s == f.Status
	}
	if !valid {
		f.Status = ""
	}
	list, err := h.store.Signals(ctx(r), rc.Wijk.ID, f)
	if err != nil {
		h.serverError(w, r, rc, err)
		return
	}
	all := []Option{{Value: "", Label: l.T("signals.filter.all")}}
	themeOpts := append(all, themeOptions(l, themes, f.Theme, "")...)
	for _, t := range themes {
		if t.Archived {
			themeOpts = append(themeOpts, Option{Value: t.Key, Label: themeLabel(l, themes, t.Key), Selected: t.Key == f.Theme})
		}
	}
	themeOpts[0].Selected = f.Theme == ""
	statusOpts := append([]Option{{Value: "", Label: l.T("signals.filter.all"), Selected: f.Status == ""}}, keyOptions(l, statusKeys, "signals.status.", f.Status)...)
	form := newForm()
	p := signalListPage{Page: h.page(r, rc, l.T("signals.list.title")), Sub: signalSubNav(r, rc),
		Theme:    form.Select(l, "thema", "signals.filter.theme", false, themeOpts),
		Buurt:    form.Select(l, "buurt", "signals.filter.buurt", false, buurtOptions(bs, f.BuurtID, Option{Value: "", Label: l.T("signals.filter.all")})),
		Status:   form.Select(l, "status", "signals.filter.status", false, statusOpts),
		Filtered: f != (store.SignalFilter{}),
		CanEdit:  rc.Actor.Can(account.PermEditSignals, rc.Wijk.ID)}
	// The filter fields are optional by nature; "(niet verplicht)" would
	// only add noise.
	p.Theme.OptionalText, p.Buurt.OptionalText, p.Status.OptionalText = "", "", ""
	counts := map[string]int{}
	for _, sg := range list {
		p.Signals = append(p.Signals, newSignalRow(l, themes, buurten, sg))
		counts[sg.Status]++
	}
	for _, s := range signaal.Statuses {
		p.Counts = append(p.Counts, statusCount{Label: l.T("signals.status." + s), N: counts[s]})
	}
	h.render(w, r, rc, "signal_list.html", p)
}

// signalMinePage lists the signals the user reported as themselves.
type signalMinePage struct {
	Page
	Sub     subNav
	Signals []signalRow
}

// signalsMine shows a resident their own signals and what happened to them.
func (h *Handler) signalsMine(w http.ResponseWriter, r *http.Request, rc *request) {
	themes, err := h.store.Themes(ctx(r), rc.Wijk.ID)
	if err != nil {
		h.serverError(w, r, rc, err)
		return
	}
	_, buurten, err := h.buurtNames(r, rc)
	if err != nil {
		h.serverError(w, r, rc, err)
		return
	}
	list, err := h.store.SignalsOfReporter(ctx(r), rc.Wijk.ID, rc.Actor.User.ID)
	if err != nil {
		h.serverError(w, r, rc, err)
		return
	}
	p := signalMinePage{Page: h.page(r, rc, rc.L.T("signals.mine.title")), Sub: signalSubNav(r, rc)}
	for _, sg := range list {
		p.Signals = append(p.Signals, newSignalRow(rc.L, themes, buurten, sg))
	}
	h.render(w, r, rc, "signal_mine.html", p)
}
