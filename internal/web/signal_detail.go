package web

import (
	"net/http"
	"strconv"
	"time"

	"github.com/wei-platform/wei"
	"github.com/wei-platform/wei/account"
	"github.com/wei-platform/wei/internal/store"
	"github.com/wei-platform/wei/privacy"
	"github.com/wei-platform/wei/signaal"
)

// signalPage is one signal: what, where, how urgent, its history and
// group, and for those who may, the note and who reported it.
type signalPage struct {
	Page
	Sub          subNav
	Signal       signalRow
	Org          string
	Visit        string
	Events       []signalEventRow
	Group        []signalRow
	CanEdit      bool
	CanNotes     bool
	ShowPrivate  bool
	Private      *signalPrivate
	StatusForm   form
	StatusFrom   string
	StatusTo     Field
	Reason       Field
	CanMove      bool
	GroupWith    Field
	CanGroup     bool
	StatusErrors *ErrorSummary
	GroupErrors  *ErrorSummary
}

type signalPrivate struct {
	Note, Contact, Address string
	Reporter, Resident     string
	HasPoint               bool
	Lon, Lat               float64
	Erased                 bool
}

type signalEventRow struct {
	At     time.Time
	Who    string
	What   string
	Detail string
}

// signalInWijk loads the signal of the URL, which must be of the wijk.
func (h *Handler) signalInWijk(w http.ResponseWriter, r *http.Request, rc *request) (signaal.Signal, bool) {
	sg, err := h.store.Signal(ctx(r), r.PathValue("id"))
	if err == nil && sg.WijkID != rc.Wijk.ID {
		err = wei.ErrNotFound
	}
	if err != nil {
		h.serverError(w, r, rc, err)
		return sg, false
	}
	return sg, true
}

func (h *Handler) signalDetail(w http.ResponseWriter, r *http.Request, rc *request) {
	sg, ok := h.signalInWijk(w, r, rc)
	if !ok {
		return
	}
	f := newForm()
	f.Values["from"] = sg.Status
	h.renderSignal(w, r, rc, http.StatusOK, sg, f, newForm())
}

func (h *Handler) renderSignal(w http.ResponseWriter, r *http.Request, rc *request, status int, sg signaal.Signal, statusForm, groupForm form) {
	l := rc.L
	wid := rc.Wijk.ID
	themes, err := h.store.Themes(ctx(r), wid)
	if err != nil {
		h.serverError(w, r, rc, err)
		return
	}
	_, buurten, err := h.buurtNames(r, rc)
	if err != nil {
		h.serverError(w, r, rc, err)
		return
	}
	p := signalPage{Page: h.page(r, rc, sg.Title), Sub: signalSubNav(r, rc), Signal: newSignalRow(l, themes, buurten, sg),
		CanEdit: rc.Actor.Can(account.PermEditSignals, wid), CanNotes: rc.Actor.Can(account.PermViewNotes, wid),
		StatusForm: statusForm, StatusFrom: sg.Status}
	if sg.OrganisationID != "" {
		if o, err := h.store.Organisation(ctx(r), sg.OrganisationID); err == nil {
			p.Org = o.Name
		}
	}
	if sg.VisitID != "" && rc.Actor.Can(account.PermRecordVisit, wid) {
		p.Visit = "/w/" + rc.Wijk.Slug + "/huisbezoeken/" + sg.VisitID
	}
	events, err := h.store.SignalEvents(ctx(r), sg.ID)
	if err != nil {
		h.serverError(w, r, rc, err)
		return
	}
	names := map[string]string{}
	name := func(id string) string {
		if id == "" {
			return l.T("admin.audit.system")
		}
		if n, ok := names[id]; ok {
			return n
		}
		n := l.T("signals.someone")
		if u, err := h.store.User(ctx(r), id); err == nil && u.ErasedAt.IsZero() {
			n = u.DisplayName
		}
		names[id] = n
		return n
	}
	for _, e := range events {
		row := signalEventRow{At: e.At, Who: name(e.ActorID), Detail: e.Detail}
		switch e.Kind {
		case signaal.EventStatus:
			row.What = l.T("signals.event.status", l.T("signals.status."+e.FromStatus), l.T("signals.status."+e.ToStatus))
		case signaal.EventGrouped, signaal.EventUngroup, signaal.EventRetained:
			row.What, row.Detail = l.T("signals.event."+e.Kind), ""
		default:
			row.What = l.T("signals.event.created")
		}
		p.Events = append(p.Events, row)
	}
	if sg.GroupID != "" {
		group, err := h.store.SignalGroup(ctx(r), sg.GroupID)
		if err != nil {
			h.serverError(w, r, rc, err)
			return
		}
		for _, g := range group {
			if g.ID != sg.ID {
				p.Group = append(p.Group, newSignalRow(l, themes, buurten, g))
			}
		}
	}
	if p.CanEdit {
		var targets []string
		for _, s := range signaal.Statuses {
			if signaal.CanMove(sg.Status, s) {
				targets = append(targets, s)
			}
		}
		p.CanMove = len(targets) > 0
		p.StatusTo = statusForm.Select(l, "status", "signals.field.status", true, append([]Option{{Value: "", Label: l.T("common.choose")}},
			keyOptions(l, targets, "signals.status.", statusForm.Values["status"])...))
		p.Reason = statusForm.Field(l, "reason", "signals.field.reason", "textarea", "off", false)
		p.StatusErrors = statusForm.Summary(l, "status", "reason")
		// Group with another signal of the same theme, newest first.
		others, err := h.store.Signals(ctx(r), wid, store.SignalFilter{Theme: sg.Theme})
		if err != nil {
			h.serverError(w, r, rc, err)
			return
		}
		opts := []Option{{Value: "", Label: l.T("common.choose")}}
		for _, o := range others {
			if o.ID != sg.ID && (sg.GroupID == "" || o.GroupID != sg.GroupID) {
				opts = append(opts, Option{Value: o.ID, Label: o.Title + " (" + buurten[o.BuurtID] + ", " + l.Date(o.CreatedAt) + ")", Selected: groupForm.Values["with"] == o.ID})
			}
		}
		p.CanGroup = len(opts) > 1
		p.GroupWith = groupForm.Select(l, "with", "signals.field.group_with", true, opts)
		p.GroupErrors = groupForm.Summary(l, "with")
	}
	if p.CanNotes && r.URL.Query().Get("prive") == "1" {
		priv, err := h.store.SignalPrivate(ctx(r), sg.ID, privacy.AuditEntry{ActorID: rc.Actor.User.ID, RequestID: rc.RequestID})
		if err != nil {
			h.serverError(w, r, rc, err)
			return
		}
		sp := &signalPrivate{Note: priv.Note, Contact: priv.ReporterContact, HasPoint: priv.HasPoint, Lon: priv.Lon, Lat: priv.Lat,
			Erased: !priv.PersonalErasedAt.IsZero()}
		if priv.Postcode != "" {
			sp.Address = priv.Postcode + " " + strconv.Itoa(priv.HouseNumber)
		}
		if priv.ReporterUserID != "" {
			sp.Reporter = name(priv.ReporterUserID)
		}
		if priv.PersonID != "" {
			if pe, err := h.store.Person(ctx(r), priv.PersonID); err == nil && !pe.Erased() {
				sp.Resident = pe.DisplayName
			}
		}
		p.ShowPrivate, p.Private = true, sp
	}
	h.renderStatus(w, r, rc, status, "signal_detail.html", p)
}

// signalMove changes the status of a signal.
func (h *Handler) signalMove(w http.ResponseWriter, r *http.Request, rc *request) {
	sg, ok := h.signalInWijk(w, r, rc)
	if !ok {
		return
	}
	f := newForm().fill(r, "from", "status", "reason")
	if f.Values["from"] == "" {
		f.Values["from"] = sg.Status
	}
	moved, err := h.store.MoveSignal(ctx(r), rc.Wijk.ID, sg.ID, f.Values["from"], f.Values["status"], f.Values["reason"], rc.Actor.User.ID)
	if err != nil {
		if !f.setErr(rc, err) {
			h.serverError(w, r, rc, err)
			return
		}
		if wei.ErrorCode(err) == wei.ECONFLICT {
			// Show the status as it is now, so the next try starts from it.
			if cur, err := h.store.Signal(ctx(r), sg.ID); err == nil {
				sg = cur
			}
		}
		h.renderSignal(w, r, rc, http.StatusBadRequest, sg, f, newForm())
		return
	}
	h.flash(w, "signals.flash.status")
	http.Redirect(w, r, signalsBase(rc)+"/"+moved.ID, http.StatusSeeOther)
}

// signalGroup puts the signal in the group of another one.
func (h *Handler) signalGroup(w http.ResponseWriter, r *http.Request, rc *request) {
	sg, ok := h.signalInWijk(w, r, rc)
	if !ok {
		return
	}
	f := newForm().fill(r, "with")
	if f.Values["with"] == "" {
		f.Errors["with"] = rc.L.T("error.choice")
	} else if err := h.store.GroupSignals(ctx(r), rc.Wijk.ID, sg.ID, f.Values["with"], rc.Actor.User.ID); err != nil && !f.setErr(rc, err) {
		h.serverError(w, r, rc, err)
		return
	}
	if f.HasErrors() {
		sf := newForm()
		sf.Values["from"] = sg.Status
		h.renderSignal(w, r, rc, http.StatusBadRequest, sg, sf, f)
		return
	}
	h.flash(w, "signals.flash.grouped")
	http.Redirect(w, r, signalsBase(rc)+"/"+sg.ID, http.StatusSeeOther)
}

// signalUngroup takes the signal out of its group.
func (h *Handler) signalUngroup(w http.ResponseWriter, r *http.Request, rc *request) {
	sg, ok := h.signalInWijk(w, r, rc)
	if !ok {
		return
	}
	if err := h.store.UngroupSignal(ctx(r), rc.Wijk.ID, sg.ID, rc.Actor.User.ID); err != nil {
		h.serverError(w, r, rc, err)
		return
	}
	h.flash(w, "signals.flash.ungrouped")
	http.Redirect(w, r, signalsBase(rc)+"/"+sg.ID, http.StatusSeeOther)
}
