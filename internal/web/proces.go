package web

// The pages of the WEI-proces: initiatives through the four phases, the
// people flow, the phase guide, Action Learning and the cooperation with
// partners. This file holds what those pages share.

import (
	"net/http"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/wei-platform/wei"
	"github.com/wei-platform/wei/internal/locale"
	"github.com/wei-platform/wei/internal/store"
	"github.com/wei-platform/wei/proces"
	"github.com/wei-platform/wei/wijk"
)

// stuckAfterDays is how long an initiative may stay in an early phase
// before the process manager sees it marked as stuck.
const stuckAfterDays = 180

// today is the current date, in the form the store keeps dates in.
func today() time.Time { return proces.Day(time.Now()) }

// parseDay reads a date of an <input type="date">: YYYY-MM-DD.
func parseDay(s string) (time.Time, bool) {
	t, err := time.Parse(time.DateOnly, strings.TrimSpace(s))
	if err != nil {
		return time.Time{}, false
	}
	return t, true
}

// dayValue is the value of an <input type="date">.
func dayValue(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.Format(time.DateOnly)
}

// phaseName is the name of a phase (or of Ended) in l's language.
func phaseName(l *locale.Localizer, p proces.Phase) string {
	if p == "" {
		return l.T("proces.phase.none")
	}
	return l.T("proces.phase." + string(p))
}

// daysBetween counts the days from a to b.
func daysBetween(a, b time.Time) int {
	return int(proces.Day(b).Sub(proces.Day(a)).Hours() / 24)
}

// isStuck reports whether an initiative has stayed too long in an early phase.
func isStuck(in store.Initiative, now time.Time) bool {
	return in.Phase.Index() >= 0 && in.Phase.Next() != "" && daysBetween(in.PhaseSince, now) > stuckAfterDays
}

// initiativeInWijk loads the initiative of the URL; an initiative of another
// wijk, or an organisation that is no initiative, is not found.
func (h *Handler) initiativeInWijk(w http.ResponseWriter, r *http.Request, rc *request) (store.Initiative, bool) {
	in, err := h.store.Initiative(ctx(r), r.PathValue("id"))
	if err == nil && in.WijkID != rc.Wijk.ID {
		err = wei.ErrNotFound
	}
	if err != nil {
		h.serverError(w, r, rc, err)
		return in, false
	}
	return in, true
}

// orgNames maps the organisations of a wijk by ID to their names.
func (h *Handler) orgNames(r *http.Request, wijkID string) (map[string]string, error) {
	orgs, err := h.store.Organisations(ctx(r), wijkID)
	if err != nil {
		return nil, err
	}
	names := make(map[string]string, len(orgs))
	for _, o := range orgs {
		names[o.ID] = o.Name
	}
	return names, nil
}

// fieldAs is Field with its own id, for a page with several forms that
// share a field name.
func (f form) fieldAs(l *locale.Localizer, id, name, labelKey, typ, autocomplete string, required bool) Field {
	fl := f.Field(l, name, labelKey, typ, autocomplete, required)
	fl.ID = id
	return fl
}

// summaryOf is the error summary of a form whose fields are given: the
// fields' messages link to their controls; the form's other messages link
// to the anchor given for them, or to nothing.
func summaryOf(l *locale.Localizer, f form, anchors map[string]string, fields ...Field) *ErrorSummary {
	if !f.HasErrors() {
		return nil
	}
	s := &ErrorSummary{Title: l.T("error.form")}
	seen := map[string]bool{}
	for _, fl := range fields {
		if fl.Error != "" {
			s.Items = append(s.Items, ErrorItem{Href: "#" + fl.InputID(), Text: fl.Error})
		}
		seen[fl.Name] = true
	}
	names := make([]string, 0, len(f.Errors))
	for n := range f.Errors {
		if !seen[n] {
			names = append(names, n)
		}
	}
	slices.Sort(names)
	for _, n := range names {
		item := ErrorItem{Text: f.Errors[n]}
		if a, ok := anchors[n]; ok {
			item.Href = "#" + a
		}
		s.Items = append(s.Items, item)
	}
	return s
}

// checkOption is one checkbox of a group, e.g. a participant.
type checkOption struct {
	ID      string // the control's id
	Value   string
	Label   string
	Checked bool
}

// sessionLine is a training or coaching session as the pages list it.
type sessionLine struct {
	On             time.Time
	Kind           string
	Title          string
	InitiativeID   string
	InitiativeName string
	Skills         []string
	Attendees      int
}

func sessionLines(l *locale.Localizer, ss []proces.Session, names map[string]string) []sessionLine {
	out := make([]sessionLine, 0, len(ss))
	for _, s := range ss {
		out = append(out, sessionLine{On: s.On, Kind: l.T("learning.kind." + string(s.Kind)), Title: s.Title,
			InitiativeID: s.InitiativeID, InitiativeName: names[s.InitiativeID], Skills: s.Skills, Attendees: len(s.Attendees)})
	}
	return out
}

// euros formats an amount in cents the way the language writes money:
// "€ 1.234,50" in Dutch, "€1,234.50" in English.
func euros(l *locale.Localizer, cents int64) string {
	sign := ""
	if cents < 0 {
		sign, cents = "-", -cents
	}
	dec := ","
	if l.Lang() == "en" {
		dec = "."
	}
	frac := strconv.FormatInt(cents%100, 10)
	if len(frac) < 2 {
		frac = "0" + frac
	}
	return l.T("coop.euro", sign+l.Number(cents/100)+dec+frac)
}

// parseEuros reads an amount in euros as people type it: "25", "25,50",
// "25.50", "€ 1.234,50". It returns cents, and false for anything else.
func parseEuros(s string) (int64, bool) {
	s = strings.TrimSpace(strings.TrimPrefix(strings.TrimSpace(s), "€"))
	s = strings.ReplaceAll(s, " ", "")
	if s == "" {
		return 0, false
	}
	// The last separator followed by one or two digits is the decimal one;
	// any other separator groups thousands.
	whole, frac := s, ""
	if i := strings.LastIndexAny(s, ".,"); i >= 0 && len(s)-i-1 <= 2 && len(s)-i-1 >= 1 {
		whole, frac = s[:i], s[i+1:]
	}
	whole = strings.NewReplacer(".", "", ",", "").Replace(whole)
	if whole == "" {
		whole = "0"
	}
	for _, c := range whole + frac {
		if c < '0' || c > '9' {
			return 0, false
		}
	}
	if len(whole) > 12 {
		return 0, false
	}
	n, err := strconv.ParseInt(whole, 10, 64)
	if err != nil {
		return 0, false
	}
	if len(frac) == 1 {
		frac += "0"
	}
	c, _ := strconv.ParseInt("0"+frac, 10, 64)
	return n*100 + c, true
}

// initiativeLink is an initiative as a link in a list.
type initiativeLink struct {
	ID, Name string
}

// activeOn reports whether a cooperation lasts on day d.
func activeOn(c proces.Cooperation, d time.Time) bool {
	return !c.Since.After(d) && (c.Until.IsZero() || !c.Until.Before(d))
}

// joinRoleOptions lists the roles a resident can choose when joining.
func joinRoleOptions(l *locale.Localizer, selected string) []Option {
	var out []Option
	for _, r := range []wijk.MemberRole{wijk.MemberDeelnemer, wijk.MemberVrijwilliger} {
		out = append(out, Option{Value: string(r), Label: l.T("member." + string(r)), Selected: selected == string(r)})
	}
	return out
}
