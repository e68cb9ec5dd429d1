package web

import (
	"bytes"
	"html/template"
	"math"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"

	"github.com/wei-platform/wei/internal/locale"
	"github.com/wei-platform/wei/proces"
)

// flowPage shows the flow figures of a period: the chart, and the same
// figures in tables for screen readers and for reading exact numbers.
type flowPage struct {
	Page
	Summary     *ErrorSummary
	From, To    Field
	Clamped     bool
	HasFigures  bool
	Period      proces.Period
	Chart       template.HTML
	Rows        []flowRow
	PeopleTotal int
	Transitions []flowTransition
	Conversion  []flowConversion
	Stuck       []flowStuck
	StuckDays   int
	CSVURL      string
}

type flowRow struct {
	proces.PhaseFigures
	Label  string
	Median string
}

type flowTransition struct {
	From, To string
	Count    int
}

type flowConversion struct {
	Phase, Next       string
	InPhase, Advanced int
	Percent           string
}

type flowStuck struct {
	ID, Name, Phase string
	Since           time.Time
	Days            int
}

// flowPeriod reads the period of the flow page from the query: from and to
// as dates, by default the last twelve months up to today. A 'to' in the
// future becomes today (clamped); from must not lie after to.
func flowPeriod(l *locale.Localizer, q url.Values) (p proces.Period, f form, clamped bool) {
	f = newForm()
	now := today()
	p.To = now
	if v := strings.TrimSpace(q.Get("to")); v != "" {
		f.Values["to"] = v
		if d, ok := parseDay(v); ok {
			p.To = d
		} else {
			f.Errors["to"] = l.T("error.date")
		}
	}
	if p.To.After(now) {
		p.To, clamped = now, true
	}
	p.From = p.To.AddDate(-1, 0, 0)
	if v := strings.TrimSpace(q.Get("from")); v != "" {
		f.Values["from"] = v
		if d, ok := parseDay(v); ok {
			p.From = d
		} else {
			f.Errors["from"] = l.T("error.date")
		}
	}
	if !f.HasErrors() {
		if p.From.After(p.To) {
			f.Errors["from"] = l.T("flow.error.order")
		}
		f.Values["from"], f.Values["to"] = dayValue(p.From), dayValue(p.To)
	}
	return p, f, clamped
}

// flowFigures computes the flow figures of the wijk for a period.
func (h *Handler) flowFigures(r *http.Request, rc *request, p proces.Period) (proces.Figures, error) {
	in, err := h.store.FlowInput(ctx(r), rc.Wijk.ID, p.To, stuckAfterDays)
	if err != nil {
		return proces.Figures{}, err
	}
	return proces.ComputeFlow(in, p), nil
}

func (h *Handler) flow(w http.ResponseWriter, r *http.Request, rc *request) {
	l := rc.L
	period, f, clamped := flowPeriod(l, r.URL.Query())
	p := flowPage{Page: h.page(r, rc, l.T("flow.title")), Clamped: clamped, StuckDays: stuckAfterDays,
		From: f.fieldAs(l, "flow-from", "from", "flow.from", "date", "off", true),
		To:   f.fieldAs(l, "flow-to", "to", "flow.to", "date", "off", true)}
	if f.HasErrors() {
		p.Summary = summaryOf(l, f, nil, p.From, p.To)
		h.renderStatus(w, r, rc, http.StatusBadRequest, "proces_flow.html", p)
		return
	}
	fig, err := h.flowFigures(r, rc, period)
	if err != nil {
		h.serverError(w, r, rc, err)
		return
	}
	ins, err := h.store.Initiatives(ctx(r), rc.Wijk.ID)
	if err != nil {
		h.serverError(w, r, rc, err)
		return
	}
	names := map[string]string{}
	for _, in := range ins {
		names[in.ID] = in.Name
	}
	p.HasFigures, p.Period, p.PeopleTotal = true, fig.Period, fig.PeopleTotal
	labels := FlowLabels{Title: l.T("flow.chart.title", l.Date(fig.Period.From), l.Date(fig.Period.To)), Desc: l.T("flow.chart.desc"),
		Phase: map[proces.Phase]string{}, Instroom: l.T("flow.instroom"), Uitstroom: l.T("flow.uitstroom"),
		Initiatives: l.T("flow.chart.initiatives"), People: l.T("flow.chart.people")}
	for _, ph := range proces.FlowPhases {
		labels.Phase[ph] = phaseName(l, ph)
	}
	p.Chart = FlowSVG(fig, labels)
	for _, row := range fig.Phases {
		p.Rows = append(p.Rows, flowRow{PhaseFigures: row, Label: phaseName(l, row.Phase), Median: medianText(l, row.MedianDays)})
	}
	for _, t := range fig.Transitions {
		p.Transitions = append(p.Transitions, flowTransition{From: phaseName(l, t.From), To: phaseName(l, t.To), Count: t.Count})
	}
	for _, c := range fig.Conversion {
		p.Conversion = append(p.Conversion, flowConversion{Phase: phaseName(l, c.Phase), Next: phaseName(l, c.Next), InPhase: c.InPhase,
			Advanced: c.Advanced, Percent: strconv.Itoa(int(math.Round(c.Rate*100))) + "%"})
	}
	for _, s := range fig.Stuck {
		p.Stuck = append(p.Stuck, flowStuck{ID: s.InitiativeID, Name: names[s.InitiativeID], Phase: phaseName(l, s.Phase), Since: s.Since, Days: s.Days})
	}
	q := url.Values{"from": {dayValue(fig.Period.From)}, "to": {dayValue(fig.Period.To)}}
	p.CSVURL = "/w/" + rc.Wijk.Slug + "/stroom.csv?" + q.Encode()
	h.render(w, r, rc, "proces_flow.html", p)
}

// medianText writes a median number of days, "12,5" in Dutch.
func medianText(l *locale.Localizer, m *float64) string {
	if m == nil {
		return l.T("flow.median.none")
	}
	s := strconv.FormatFloat(*m, 'f', -1, 64)
	if l.Lang() != "en" {
		s = strings.Replace(s, ".", ",", 1)
	}
	return s
}

// flowCSV downloads the flow figures of a period as CSV.
func (h *Handler) flowCSV(w http.ResponseWriter, r *http.Request, rc *request) {
	period, f, _ := flowPeriod(rc.L, r.URL.Query())
	if f.HasErrors() {
		h.renderError(w, r, rc, http.StatusBadRequest, "error.bad_request.title", "flow.error.period")
		return
	}
	fig, err := h.flowFigures(r, rc, period)
	if err != nil {
		h.serverError(w, r, rc, err)
		return
	}
	var buf bytes.Buffer
	if err := fig.CSV(&buf); err != nil {
		h.serverError(w, r, rc, err)
		return
	}
	name := "wei-stroom-" + rc.Wijk.Slug + "-" + dayValue(fig.Period.From) + "-" + dayValue(fig.Period.To) + ".csv"
	w.Header().Set("Content-Type", "text/csv; charset=utf-8")
	w.Header().Set("Content-Disposition", `attachment; filename="`+name+`"`)
	w.Header().Set("Cache-Control", "no-store")
	w.Write(buf.Bytes())
}
