package api

import (
	"net/http"
	"time"

	"github.com/wei-platform/wei"
	"github.com/wei-platform/wei/internal/store"
	"github.com/wei-platform/wei/signaal"
)

// signalJSON is a signal without its personal data: the note, who
// reported it and the address are never sent by the API.
type signalJSON struct {
	ID        string    `json:"id"`
	WijkID    string    `json:"wijk_id"`
	BuurtID   string    `json:"buurt_id"`
	Theme     string    `json:"theme"`
	Urgency   string    `json:"urgency"`
	Status    string    `json:"status"`
	Source    string    `json:"source"`
	Title     string    `json:"title"`
	GroupID   string    `json:"group_id,omitempty"`
	CreatedAt time.Time `json:"created_at"`
	SolvedAt  time.Time `json:"solved_at,omitzero"`
	// RejectReason is why it was rejected; the reporter sees it too.
	RejectReason string `json:"reject_reason,omitempty"`
}

func toSignal(sg signaal.Signal) signalJSON {
	return signalJSON{ID: sg.ID, WijkID: sg.WijkID, BuurtID: sg.BuurtID, Theme: sg.Theme, Urgency: sg.Urgency, Status: sg.Status,
		Source: sg.Source, Title: sg.Title, GroupID: sg.GroupID, CreatedAt: utc(sg.CreatedAt), SolvedAt: utc(sg.SolvedAt), RejectReason: sg.RejectReason}
}

// signalInput is the body of POST: a problem the caller reports as
// themselves. The location is an address (postcode and house_number), a
// WGS84 point (lon and lat) or a buurt_id, in that order of preference.
type signalInput struct {
	Theme           string   `json:"theme"`
	Title           string   `json:"title"`
	Urgency         string   `json:"urgency"`
	BuurtID         string   `json:"buurt_id"`
	Postcode        string   `json:"postcode"`
	HouseNumber     int      `json:"house_number"`
	Lon             *float64 `json:"lon"`
	Lat             *float64 `json:"lat"`
	Note            string   `json:"note"`
	ReporterContact string   `json:"reporter_contact"`
}

// listSignals lists the wijk's signals, newest first, optionally filtered
// by theme, buurt_id and status ("open" for new and in progress).
func (a *api) listSignals(w http.ResponseWriter, r *http.Request, c *call) error {
	q := r.URL.Query()
	f := store.SignalFilter{Theme: q.Get("theme"), BuurtID: q.Get("buurt_id"), Status: q.Get("status")}
	if f.Status != "" && f.Status != "open" {
		ok := false
		for _, s := range signaal.Statuses {
			ok = ok || s == f.Status
		}
		if !ok {
			return &wei.Error{Code: wei.EINVALID, Message: "status must be open, new, in_progress, solved or rejected.", Fields: map[string]string{"status": "error.choice"}}
		}
	}
	list, err := a.store.Signals(r.Context(), c.wijk.ID, f)
	if err != nil {
		return err
	}
	out := make([]signalJSON, 0, len(list))
	for _, sg := range list {
		out = append(out, toSignal(sg))
	}
	a.writeJSON(w, r, http.StatusOK, listBody[signalJSON]{Items: out})
	return nil
}

// createSignal stores a problem reported by the caller.
func (a *api) createSignal(w http.ResponseWriter, r *http.Request, c *call) error {
	var in signalInput
	if err := decode(w, r, &in); err != nil {
		return err
	}
	if (in.Lon == nil) != (in.Lat == nil) {
		return &wei.Error{Code: wei.EINVALID, Message: "Send both lon and lat, or neither.", Fields: map[string]string{"point": "signals.error.point"}}
	}
	sg := signaal.Signal{WijkID: c.wijk.ID, Theme: in.Theme, Title: in.Title, Urgency: in.Urgency, BuurtID: in.BuurtID, Postcode: in.Postcode,
		HouseNumber: in.HouseNumber, Note: in.Note, ReporterContact: in.ReporterContact, Source: signaal.SourceResident,
		ReporterUserID: c.actor.User.ID, CreatedBy: c.actor.User.ID}
	if in.Lon != nil {
		sg.HasPoint, sg.Lon, sg.Lat = true, *in.Lon, *in.Lat
	}
	if err := a.store.CreateSignal(r.Context(), &sg); err != nil {
		return err
	}
	a.writeJSON(w, r, http.StatusCreated, toSignal(sg))
	return nil
}
