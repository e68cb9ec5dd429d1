package api

import (
	"bytes"
	"net/http"
	"strconv"

	"github.com/wei-platform/wei"
	"github.com/wei-platform/wei/proces"
)

const (
	// defaultStuckDays is how long an initiative may stay in an early
	// phase before the figures list it as stuck, unless ?stuck_days= says.
	defaultStuckDays = 180
	maxStuckDays     = 3650
)

// figuresJSON is proces.Figures with its dates as YYYY-MM-DD, like every
// event date of the API; the other fields keep the domain's JSON names.
type figuresJSON struct {
	proces.Figures
	Period periodJSON  `json:"period"`
	Stuck  []stuckJSON `json:"stuck"`
}

type periodJSON struct {
	From string `json:"from"`
	To   string `json:"to"`
}

type stuckJSON struct {
	InitiativeID string       `json:"initiative_id"`
	Phase        proces.Phase `json:"phase"`
	Since        string       `json:"since"`
	Days         int          `json:"days"`
}

func toFigures(f proces.Figures) figuresJSON {
	out := figuresJSON{Figures: f, Period: periodJSON{From: date(f.Period.From), To: date(f.Period.To)}, Stuck: make([]stuckJSON, 0, len(f.Stuck))}
	for _, s := range f.Stuck {
		out.Stuck = append(out.Stuck, stuckJSON{InitiativeID: s.InitiativeID, Phase: s.Phase, Since: date(s.Since), Days: s.Days})
	}
	return out
}

// flowParams reads ?from=, ?to= and ?stuck_days=. The period defaults to
// the twelve months up to and including today (or up to ?to=).
func (a *api) flowParams(r *http.Request) (proces.Period, int, error) {
	q := r.URL.Query()
	f := wei.FieldErrors{}
	to := parseDate(f, "to", q.Get("to"), a.today())
	from := parseDate(f, "from", q.Get("from"), to.AddDate(0, -12, 1))
	stuck := defaultStuckDays
	if s := q.Get("stuck_days"); s != "" {
		n, err := strconv.Atoi(s)
		if err != nil || n < 1 || n > maxStuckDays {
			f.Add("stuck_days", "error.range")
		}
		stuck = n
	}
	if err := f.Err(); err != nil {
		return proces.Period{}, 0, err
	}
	if from.After(to) {
		return proces.Period{}, 0, &wei.Error{Code: wei.EINVALID, Message: "The period ends before it starts.", Fields: map[string]string{"to": "error.date_order"}}
	}
	return proces.Period{From: from, To: to}, stuck, nil
}

// figures computes the flow figures of the wijk from its event log.
func (a *api) figures(r *http.Request, c *call) (proces.Figures, error) {
	p, stuck, err := a.flowParams(r)
	if err != nil {
		return proces.Figures{}, err
	}
	in, err := a.store.FlowInput(r.Context(), c.wijk.ID, p.To, stuck)
	if err != nil {
		return proces.Figures{}, err
	}
	return proces.ComputeFlow(in, p), nil
}

func (a *api) getFlow(w http.ResponseWriter, r *http.Request, c *call) error {
	f, err := a.figures(r, c)
	if err != nil {
		return err
	}
	a.writeJSON(w, r, http.StatusOK, toFigures(f))
	return nil
}

// getFlowCSV sends the same figures as a CSV download (proces.Figures.CSV).
func (a *api) getFlowCSV(w http.ResponseWriter, r *http.Request, c *call) error {
	f, err := a.figures(r, c)
	if err != nil {
		return err
	}
	var buf bytes.Buffer
	if err := f.CSV(&buf); err != nil {
		return err
	}
	name := "wei-flow-" + c.wijk.Slug + "-" + date(f.Period.From) + "-" + date(f.Period.To) + ".csv"
	h := w.Header()
	h.Set("Content-Type", "text/csv; charset=utf-8")
	h.Set("Content-Disposition", `attachment; filename="`+name+`"`)
	h.Set("Cache-Control", "no-store")
	h.Set("X-Content-Type-Options", "nosniff")
	w.WriteHeader(http.StatusOK)
	_, _ = w.Write(buf.Bytes()) // a failed write means the client left
	return nil
}
