package web

// The SROI report of an analysis, for an evaluator and for print: the
// method, the impact map with every assumption and its source, the
// calculation, who gains what and the sensitivity analysis, as a printable
// page and as a PDF with the same content (built from the same sroiView).

import (
	"net/http"
	"strconv"
	"time"

	"github.com/wei-platform/wei/internal/locale"
	"github.com/wei-platform/wei/internal/pdf"
)

type sroiReportPage struct {
	Page
	V        sroiView
	NoInputs *Alert
	Links    sroiLinks
	Edit     *sroiEditLinks // always nil: the report has no forms
	AsOf     time.Time
}

func (h *Handler) sroiReport(w http.ResponseWriter, r *http.Request, rc *request) {
	c, ok := h.sroiLoad(w, r, rc, true)
	if !ok {
		return
	}
	v := newSROIView(rc.L, rc, c, false)
	p := sroiReportPage{Page: h.page(r, rc, rc.L.T("sroi.report.title", c.A.Title)), V: v, NoInputs: noInputsAlert(rc, v),
		Links: newSROILinks(rc, c.A.ID), AsOf: time.Now()}
	h.render(w, r, rc, "sroi_report", p)
}

func (h *Handler) sroiReportPDF(w http.ResponseWriter, r *http.Request, rc *request) {
	c, ok := h.sroiLoad(w, r, rc, true)
	if !ok {
		return
	}
	v := newSROIView(rc.L, rc, c, false)
	b, err := sroiPDF(rc.L, v, time.Now())
	if err != nil {
		h.serverError(w, r, rc, err)
		return
	}
	w.Header().Set("Content-Type", "application/pdf")
	w.Header().Set("Content-Disposition", `attachment; filename="`+sroiFileName(rc, c.A.Title, c.A.Period.From)+`.pdf"`)
	w.Header().Set("Content-Length", strconv.Itoa(len(b)))
	w.Header().Set("Cache-Control", "no-store")
	w.Write(b)
}

// sroiPDF writes the report as a PDF document.
func sroiPDF(l *locale.Localizer, v sroiView, asOf time.Time) ([]byte, error) {
	title := l.T("sroi.report.title", v.Title)
	d := pdf.New(title, l.Lang())
	d.Heading(1, title)
	d.Para(l.T("sroi.col.subject") + ": " + v.Subject + "\n" + l.T("sroi.col.period") + ": " + v.Period + "\n" +
		l.T("sroi.col.rate") + ": " + v.Rate + "\n" + l.T("sroi.col.hourly_rate") + ": " + v.HourlyRate)
	d.Note(l.T("sroi.report.as_of", l.DateTime(asOf)))
	d.Heading(2, l.T("sroi.report.method"))
	d.Para(l.T("sroi.report.method.text"))

	d.Heading(2, l.T("sroi.report.summary"))
	if v.NoInputs {
		d.Para(l.T("sroi.error.no_inputs"))
	}
	d.Table([]string{l.T("sroi.col.figure"), l.T("sroi.col.value")}, [][]string{
		{l.T("sroi.inputs.total"), v.InputTotals.Total},
		{l.T("sroi.pv", v.Primary.Rate), v.Primary.PV},
		{l.T("sroi.npv"), v.Primary.NPV},
		{l.T("sroi.ratio"), v.Primary.Ratio},
		{l.T("sroi.payback"), v.Payback},
	})
	if !v.NoInputs {
		d.Para(l.T("sroi.ratio.explain", v.Primary.Ratio))
	}

	if v.IsWijk {
		d.Heading(2, l.T("sroi.parts.title"))
		d.Para(l.T("sroi.parts.intro"))
		if len(v.Parts) == 0 {
			d.Para(l.T("sroi.parts.none"))
		} else {
			rows := make([][]string, 0, len(v.Parts))
			for _, p := range v.Parts {
				rows = append(rows, []string{p.Title, p.Inputs, p.PV, p.PVCounted, p.Ratio})
			}
			d.Table([]string{l.T("sroi.col.initiative"), l.T("sroi.col.inputs"), l.T("sroi.col.pv"), l.T("sroi.col.pv_counted"), l.T("sroi.col.ratio")}, rows)
		}
		d.Heading(3, l.T("sroi.shared.title"))
		if len(v.Shared) == 0 {
			d.Para(l.T("sroi.shared.none"))
		}
		for _, s := range v.Shared {
			items := []string{l.T("sroi.shared.counted", s.Counted)}
			for _, e := range s.Excluded {
				items = append(items, l.T("sroi.shared.excluded", e))
			}
			d.Para(l.T("sroi.shared.key", s.Key))
			d.List(items)
		}
	}

	// The impact map.
	d.Heading(2, l.T("sroi.map.title"))
	d.Heading(3, l.T("sroi.stakeholders.title"))
	if len(v.Stakeholders) == 0 {
		d.Para(l.T("sroi.stakeholders.none"))
	} else {
		rows := [][]string{}
		for _, s := range v.Stakeholders {
			rows = append(rows, []string{s.Name, s.Domain, s.Description})
		}
		d.Table([]string{l.T("sroi.col.name"), l.T("sroi.col.domain"), l.T("sroi.col.description")}, rows)
	}
	d.Heading(3, l.T("sroi.inputs.title"))
	d.Para(l.T("sroi.inputs.intro", v.HourlyRate))
	rows := [][]string{}
	for _, in := range v.Inputs {
		rows = append(rows, []string{in.Description, in.Kind, or(in.Stakeholder, "–"), in.Figure, in.Value, in.Source})
	}
	rows = append(rows, []string{l.T("sroi.inputs.money"), "", "", "", v.InputTotals.Money, ""},
		[]string{l.T("sroi.inputs.time"), "", "", v.InputTotals.Minutes, v.InputTotals.Time, ""},
		[]string{l.T("sroi.inputs.in_kind"), "", "", "", v.InputTotals.InKind, ""},
		[]string{l.T("sroi.inputs.total"), "", "", "", v.InputTotals.Total, ""})
	d.Table([]string{l.T("sroi.col.input"), l.T("sroi.col.kind"), l.T("sroi.col.stakeholder"), l.T("sroi.col.figure"), l.T("sroi.col.value"), l.T("sroi.col.source")}, rows)
	d.Heading(3, l.T("sroi.outputs.title"))
	if len(v.Outputs) == 0 {
		d.Para(l.T("sroi.outputs.none"))
	} else {
		rows = [][]string{}
		for _, o := range v.Outputs {
			rows = append(rows, []string{o.Description, or(o.Stakeholder, "–"), o.Quantity})
		}
		d.Table([]string{l.T("sroi.col.output"), l.T("sroi.col.stakeholder"), l.T("sroi.col.quantity")}, rows)
	}
	d.Heading(3, l.T("sroi.outcomes.title"))
	if len(v.Outcomes) == 0 {
		d.Para(l.T("sroi.outcomes.none"))
	}
	for _, o := range v.Outcomes {
		name := o.Description
		if o.Negative {
			name += " (" + l.T("sroi.outcome.negative") + ")"
		}
		d.Heading(3, name)
		items := []string{l.T("sroi.col.stakeholder") + ": " + o.Stakeholder}
		if o.Output != "" {
			items = append(items, l.T("sroi.col.output")+": "+o.Output)
		}
		if o.From != "" {
			items = append(items, l.T("sroi.col.from")+": "+o.From)
		}
		ind := l.T("sroi.col.indicator") + ": " + o.Indicator
		if o.IndicatorSource != "" {
			ind += " (" + l.T("sroi.source", o.IndicatorSource) + ")"
		}
		proxy := l.T("sroi.col.proxy") + ": " + o.Proxy.Name + ": " + l.T("sroi.proxy.per", o.Proxy.Value, o.Proxy.Unit) + " (" + l.T("sroi.proxy.year", o.Proxy.Year) + "). " +
			l.T("sroi.source", o.Proxy.Source)
		if o.Proxy.URL != "" {
			proxy += " " + o.Proxy.URL
		}
		if o.Proxy.Note != "" {
			proxy += " " + o.Proxy.Note
		}
		adj := func(key, val, src string) string {
			s := l.T("sroi.assumption."+key) + ": " + val
			if src != "" {
				s += " – " + src
			}
			return s
		}
		items = append(items, ind, l.T("sroi.col.quantity")+": "+o.Quantity, l.T("sroi.col.duration")+": "+o.Duration, proxy,
			adj("deadweight", o.Deadweight, o.DeadweightSource), adj("displacement", o.Displacement, o.DisplacementSource),
			adj("attribution", o.Attribution, o.AttributionSource), adj("drop_off", o.DropOff, o.DropOffSource))
		if o.SharedKey != "" {
			items = append(items, l.T("sroi.col.shared_key")+": "+o.SharedKey)
		}
		d.List(items)
	}

	// The calculation.
	d.Heading(2, l.T("sroi.calc.title"))
	d.Para(l.T("sroi.calc.intro"))
	if len(v.Outcomes) > 0 {
		d.Heading(3, l.T("sroi.calc.outcomes"))
		rows = [][]string{}
		for _, o := range v.Outcomes {
			rows = append(rows, []string{o.Description, o.GrossCalc, o.ImpactCalc, o.PV})
		}
		d.Table([]string{l.T("sroi.col.outcome"), l.T("sroi.col.gross"), l.T("sroi.col.impact"), l.T("sroi.col.pv")}, rows)
		header := []string{l.T("sroi.col.outcome")}
		for _, y := range v.YearCols {
			header = append(header, l.T("sroi.col.year", y))
		}
		rows = [][]string{}
		for _, o := range v.Outcomes {
			rows = append(rows, append([]string{o.Description}, o.Years...))
		}
		d.Table(header, rows)
		d.Note(l.T("sroi.calc.drop_off"))
		d.Heading(3, l.T("sroi.calc.years"))
		rows = [][]string{}
		for _, y := range v.Years {
			rows = append(rows, []string{strconv.Itoa(y.Year), y.Value, y.Factor, y.PV})
		}
		rows = append(rows, []string{l.T("sroi.total"), v.YearsTotal.Value, "", v.YearsTotal.PV})
		d.Table([]string{l.T("sroi.col.year_t"), l.T("sroi.col.value_year"), l.T("sroi.col.factor", v.Rate), l.T("sroi.col.pv")}, rows)
		d.Note(l.T("sroi.calc.rounding"))
	}
	d.Heading(3, l.T("sroi.calc.rates"))
	rows = [][]string{}
	for _, rr := range v.Rates {
		rows = append(rows, []string{rr.Rate + " – " + rr.Label, rr.PV, v.InputTotals.Total, rr.NPV, rr.Ratio})
	}
	d.Table([]string{l.T("sroi.col.rate"), l.T("sroi.col.pv"), l.T("sroi.col.inputs"), l.T("sroi.col.npv"), l.T("sroi.col.ratio")}, rows)
	d.Para(l.T("sroi.calc.ratio_formula"))
	d.Heading(3, l.T("sroi.payback"))
	d.Para(or(v.PaybackCalc, v.Payback))

	// Who gains what.
	d.Heading(2, l.T("sroi.domains.title"))
	d.Para(l.T("sroi.domains.intro"))
	rows = [][]string{}
	for _, dv := range v.ByDomain {
		rows = append(rows, []string{dv.Domain, dv.PV, dv.Inputs})
	}
	d.Table([]string{l.T("sroi.col.domain"), l.T("sroi.domains.col.pv"), l.T("sroi.domains.col.inputs")}, rows)

	// Sensitivity.
	d.Heading(2, l.T("sroi.sens.title"))
	if !v.HasSens {
		d.Para(l.T("sroi.sens.none"))
	} else {
		d.Para(l.T("sroi.sens.intro") + " " + v.Variation)
		rows = [][]string{}
		for _, t := range v.TornadoRows {
			rows = append(rows, []string{t.Label, t.Base, t.Low, t.RatioLow, t.High, t.RatioHigh})
		}
		d.Table([]string{l.T("sroi.col.assumption"), l.T("sroi.col.base"), l.T("sroi.col.low"), l.T("sroi.col.ratio_low"), l.T("sroi.col.high"), l.T("sroi.col.ratio_high")}, rows)
		d.Heading(3, l.T("sroi.sens.break_even"))
		d.Para(l.T("sroi.sens.break_even.intro"))
		rows = [][]string{}
		for _, b := range v.BreakEven {
			rows = append(rows, []string{b.Outcome, b.Assumption, b.Current, b.Value})
		}
		d.Table([]string{l.T("sroi.col.outcome"), l.T("sroi.col.assumption"), l.T("sroi.col.current"), l.T("sroi.col.break_even")}, rows)
	}
	if len(v.Scenarios) > 0 {
		d.Heading(3, l.T("sroi.scenarios.title"))
		d.Para(l.T("sroi.scenarios.intro"))
		rows = [][]string{{l.T("sroi.scenario.calculated"), v.Primary.PV, v.Primary.Ratio}}
		for _, s := range v.Scenarios {
			rows = append(rows, []string{s.Label, s.PV, s.Ratio})
		}
		d.Table([]string{l.T("sroi.col.scenario"), l.T("sroi.col.pv"), l.T("sroi.col.ratio")}, rows)
	}
	return d.Bytes()
}
