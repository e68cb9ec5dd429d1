package web

import (
	"net/http"
	"net/url"
	"time"

	"github.com/wei-platform/wei"
	"github.com/wei-platform/wei/overleg"
)

// overlegFeed is a series' calendar (iCalendar, RFC 5545) for calendar
// apps, which cannot log in: the route is public and the secret token in
// the link is the key. A wrong or old token gets 404, as if there were no
// feed. The feed holds the dates, places and links of the meetings, no
// agenda and no personal data.
func (h *Handler) overlegFeed(w http.ResponseWriter, r *http.Request, rc *request) {
	sr, err := h.store.SeriesByFeedToken(ctx(r), r.PathValue("id"), r.URL.Query().Get("token"))
	if err == nil && sr.WijkID != rc.Wijk.ID {
		err = wei.ErrNotFound
	}
	if err != nil {
		h.serverError(w, r, rc, err)
		return
	}
	meetings, err := h.store.Meetings(ctx(r), sr.ID)
	if err != nil {
		h.serverError(w, r, rc, err)
		return
	}
	host := "wei"
	if u, err := url.Parse(h.cfg.BaseURL); err == nil && u.Hostname() != "" {
		host = u.Hostname()
	}
	cal := overleg.Calendar{Name: sr.Name, Stamp: time.Now().UTC().Truncate(time.Second)}
	for _, m := range meetings {
		link := h.cfg.BaseURL + meetingURL(rc, sr.ID, m.ID)
		cal.Events = append(cal.Events, overleg.Event{UID: m.ID + "@" + host, Start: m.StartsAt, End: m.EndsAt, Summary: sr.Name, Location: m.Place,
			Description: rc.L.T("overleg.feed.description", rc.Wijk.Name, link), URL: link})
	}
	w.Header().Set("Content-Type", "text/calendar; charset=utf-8")
	w.Header().Set("Content-Disposition", `inline; filename="overleg.ics"`)
	w.Header().Set("Cache-Control", "private, max-age=300")
	w.Header().Set("X-Robots-Tag", "noindex")
	w.Write(overleg.ICal(cal))
}
