package web

// The impact map of an analysis as CSV (one table, a row per item, for
// scripts and spreadsheets) and as XLSX (a sheet per part of the map and
// one with the calculation, headers in the page's language), written with
// the books' XLSX writer. Amounts are euros with a decimal point,
// percentages are percent; both are exact (integers over 100).

import (
	"bytes"
	"encoding/csv"
	"net/http"
	"strconv"
	"strings"
	"time"
	"unicode"

	"github.com/wei-platform/wei/internal/locale"
	"github.com/wei-platform/wei/ledger"
	"github.com/wei-platform/wei/sroi"
)

// sroiCSVHeader is the header of the CSV export; a row's part says which
// columns it fills.
var sroiCSVHeader = []string{"part", "analysis", "description", "stakeholder", "domain", "kind", "output", "quantity", "unit", "amount_eur", "minutes", "value_eur",
	"indicator", "indicator_source", "duration_years", "proxy", "proxy_value_eur", "proxy_unit", "proxy_year", "proxy_source", "proxy_url",
	"deadweight_pct", "deadweight_source", "displacement_pct", "displacement_source", "attribution_pct", "attribution_source", "drop_off_pct", "drop_off_source",
	"negative", "shared_key", "gross_eur", "impact_year1_eur", "pv_eur", "source"}

// sroiText keeps a spreadsheet from reading text as a formula: text that
// starts with = + - @ or a control character gets a leading apostrophe.
func sroiText(s string) string {
	if s != "" && (strings.ContainsRune("=+-@", rune(s[0])) || unicode.IsControl(rune(s[0]))) {
		return "'" + s
	}
	return s
}

func sroiEUR(cents int64) string        { return ledger.FormatAmount(cents, 2, false) }
func sroiPct(b sroi.BasisPoints) string { return ledger.FormatAmount(int64(b), 2, false) }
func sroiInt(n int64) string            { return strconv.FormatInt(n, 10) }

func sroiNames(c sroiCalc) map[string]string {
	names := map[string]string{c.A.ID: c.A.Title}
	for _, p := range c.Parts {
		names[p.ID] = p.Title
	}
	return names
}

// sroiCSV writes the impact map as CSV.
func sroiCSV(c sroiCalc) ([]byte, error) {
	an, res := c.Analysis, c.Result
	titles := sroiNames(c)
	origin := func(id string) string {
		if c.Combined != nil {
			return titles[c.Combined.Origin[id]]
		}
		return c.A.Title
	}
	sh, dom := map[string]string{}, map[string]string{}
	for _, s := range an.Stakeholders {
		sh[s.ID], dom[s.ID] = s.Name, string(s.Domain)
	}
	out := map[string]string{}
	for _, o := range an.Outputs {
		out[o.ID] = o.Description
	}
	col := map[string]int{}
	for i, h := range sroiCSVHeader {
		col[h] = i
	}
	var buf bytes.Buffer
	cw := csv.NewWriter(&buf)
	if err := cw.Write(sroiCSVHeader); err != nil {
		return nil, err
	}
	write := func(vals map[string]string) error {
		row := make([]string, len(sroiCSVHeader))
		for k, v := range vals {
			row[col[k]] = sroiText(v)
		}
		return cw.Write(row)
	}
	for _, s := range an.Stakeholders {
		if err := write(map[string]string{"part": "stakeholder", "analysis": origin(s.ID), "description": s.Description, "stakeholder": s.Name, "domain": string(s.Domain)}); err != nil {
			return nil, err
		}
	}
	for i, in := range an.Inputs {
		row := map[string]string{"part": "input", "analysis": origin(in.ID), "description": in.Description, "stakeholder": sh[in.StakeholderID], "domain": dom[in.StakeholderID],
			"kind": string(in.Kind), "value_eur": sroiEUR(res.Inputs.Values[i].Value), "source": in.Source}
		if in.Kind == sroi.InputTime {
			row["minutes"] = sroiInt(in.Minutes)
		} else {
			row["amount_eur"] = sroiEUR(in.Amount)
		}
		if err := write(row); err != nil {
			return nil, err
		}
	}
	for _, o := range an.Outputs {
		if err := write(map[string]string{"part": "output", "analysis": origin(o.ID), "description": o.Description, "stakeholder": sh[o.StakeholderID], "domain": dom[o.StakeholderID],
			"quantity": sroiInt(o.Quantity), "unit": o.Unit}); err != nil {
			return nil, err
		}
	}
	for i, o := range an.Outcomes {
		or := res.Outcomes[i]
		p := o.Proxy
		if err := write(map[string]string{"part": "outcome", "analysis": origin(o.ID), "description": o.Description, "stakeholder": sh[o.StakeholderID], "domain": dom[o.StakeholderID],
			"output": out[o.OutputID], "quantity": sroiInt(o.Quantity), "indicator": o.Indicator, "indicator_source": o.IndicatorSource, "duration_years": strconv.Itoa(o.DurationYears),
			"proxy": p.Name, "proxy_value_eur": sroiEUR(p.Value), "proxy_unit": p.Unit, "proxy_year": strconv.Itoa(p.Year), "proxy_source": p.Source, "proxy_url": p.URL,
			"deadweight_pct": sroiPct(o.Deadweight), "deadweight_source": o.DeadweightSource, "displacement_pct": sroiPct(o.Displacement), "displacement_source": o.DisplacementSource,
			"attribution_pct": sroiPct(o.Attribution), "attribution_source": o.AttributionSource, "drop_off_pct": sroiPct(o.DropOff), "drop_off_source": o.DropOffSource,
			"negative": strconv.FormatBool(o.Negative), "shared_key": o.SharedKey, "gross_eur": sroiEUR(or.Gross), "impact_year1_eur": sroiEUR(or.Impact), "pv_eur": sroiEUR(or.PV)}); err != nil {
			return nil, err
		}
	}
	cw.Flush()
	if err := cw.Error(); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

// sroiSheets returns the impact map and its calculation as XLSX sheets.
func sroiSheets(l *locale.Localizer, c sroiCalc, v sroiView) []ledger.Sheet {
	an, res := c.Analysis, c.Result
	T, amount, text := l.T, func(cents int64) ledger.Cell { return ledger.AmountCell(cents, 2) }, ledger.TextCell
	percent := func(b sroi.BasisPoints) ledger.Cell { return ledger.AmountCell(int64(b), 2) }
	stakeholders := ledger.Sheet{Name: T("sroi.sheet.stakeholders"), Header: []string{T("sroi.col.name"), T("sroi.col.domain"), T("sroi.col.description")}}
	for _, s := range v.Stakeholders {
		stakeholders.Rows = append(stakeholders.Rows, []ledger.Cell{text(s.Name), text(s.Domain), text(s.Description)})
	}
	inputs := ledger.Sheet{Name: T("sroi.sheet.inputs"), Header: []string{T("sroi.col.input"), T("sroi.col.kind"), T("sroi.col.stakeholder"), T("sroi.col.amount"),
		T("sroi.col.minutes"), T("sroi.col.value"), T("sroi.col.source")}}
	for i, in := range an.Inputs {
		row := v.Inputs[i]
		cells := []ledger.Cell{text(row.Description), text(row.Kind), text(row.Stakeholder), text(""), text(""), amount(res.Inputs.Values[i].Value), text(row.Source)}
		if in.Kind == sroi.InputTime {
			cells[4] = ledger.IntCell(in.Minutes)
		} else {
			cells[3] = amount(in.Amount)
		}
		inputs.Rows = append(inputs.Rows, cells)
	}
	inputs.Rows = append(inputs.Rows, []ledger.Cell{text(T("sroi.inputs.total")), text(""), text(""), text(""), ledger.IntCell(res.Inputs.Minutes), amount(res.Inputs.Total), text("")})
	outputs := ledger.Sheet{Name: T("sroi.sheet.outputs"), Header: []string{T("sroi.col.output"), T("sroi.col.stakeholder"), T("sroi.col.quantity"), T("sroi.col.unit")}}
	for _, o := range an.Outputs {
		outputs.Rows = append(outputs.Rows, []ledger.Cell{text(o.Description), text(v.Outputs[len(outputs.Rows)].Stakeholder), ledger.IntCell(o.Quantity), text(o.Unit)})
	}
	outcomes := ledger.Sheet{Name: T("sroi.sheet.outcomes"), Header: []string{T("sroi.col.outcome"), T("sroi.col.stakeholder"), T("sroi.col.output"), T("sroi.col.indicator"),
		T("sroi.col.indicator_source"), T("sroi.col.quantity"), T("sroi.col.duration_years"), T("sroi.col.proxy"), T("sroi.col.proxy_value"), T("sroi.col.unit"), T("sroi.col.proxy_year"),
		T("sroi.col.proxy_source"), T("sroi.assumption.deadweight"), T("sroi.assumption.displacement"), T("sroi.assumption.attribution"), T("sroi.assumption.drop_off"),
		T("sroi.col.adjust_sources"), T("sroi.col.gross"), T("sroi.col.impact"), T("sroi.col.pv")}}
	for i, o := range an.Outcomes {
		row, or := v.Outcomes[i], res.Outcomes[i]
		var sources []string
		for _, s := range []struct{ key, src string }{{"deadweight", o.DeadweightSource}, {"displacement", o.DisplacementSource}, {"attribution", o.AttributionSource}, {"drop_off", o.DropOffSource}} {
			if s.src != "" {
				sources = append(sources, T("sroi.assumption."+s.key)+": "+s.src)
			}
		}
		src := o.Proxy.Source
		if o.Proxy.URL != "" {
			src += " " + o.Proxy.URL
		}
		outcomes.Rows = append(outcomes.Rows, []ledger.Cell{text(row.Description), text(row.Stakeholder), text(row.Output), text(o.Indicator), text(o.IndicatorSource),
			ledger.IntCell(o.Quantity), ledger.IntCell(int64(o.DurationYears)), text(o.Proxy.Name), amount(o.Proxy.Value), text(o.Proxy.Unit), ledger.IntCell(int64(o.Proxy.Year)),
			text(src), percent(o.Deadweight), percent(o.Displacement), percent(o.Attribution), percent(o.DropOff), text(strings.Join(sources, "; ")),
			amount(or.Gross), amount(or.Impact), amount(or.PV)})
	}
	calc := ledger.Sheet{Name: T("sroi.sheet.calculation"), Header: []string{T("sroi.col.figure"), T("sroi.col.value"), T("sroi.col.inputs"), T("sroi.col.npv"), T("sroi.col.ratio")}}
	for _, y := range res.Years {
		calc.Rows = append(calc.Rows, []ledger.Cell{text(T("sroi.sheet.year", y.Year)), amount(y.Value), text(""), text(""), text("")},
			[]ledger.Cell{text(T("sroi.sheet.year_pv", y.Year, v.Rate)), amount(y.PV), text(""), text(""), text("")})
	}
	for i, rr := range res.Rates {
		ratio := text(v.Rates[i].Ratio)
		if rr.Ratio.Defined {
			ratio = ledger.AmountCell(rr.Ratio.Hundredths, 2)
		}
		calc.Rows = append(calc.Rows, []ledger.Cell{text(T("sroi.pv", sroiPercent(l, rr.Rate))), amount(rr.PV), amount(res.Inputs.Total), amount(rr.NPV), ratio})
	}
	calc.Rows = append(calc.Rows, []ledger.Cell{text(T("sroi.payback")), text(v.Payback), text(""), text(""), text("")})
	return []ledger.Sheet{outcomes, stakeholders, inputs, outputs, calc}
}

// sroiFileName names a download after the wijk, the analysis and its year.
func sroiFileName(rc *request, title string, from time.Time) string {
	var b strings.Builder
	dash := false
	for _, r := range strings.ToLower(title) {
		if (r >= 'a' && r <= 'z') || (r >= '0' && r <= '9') {
			b.WriteRune(r)
			dash = false
		} else if !dash && b.Len() > 0 {
			b.WriteByte('-')
			dash = true
		}
	}
	name := strings.Trim(b.String(), "-")
	if len(name) > 60 {
		name = strings.Trim(name[:60], "-")
	}
	return "sroi-" + rc.Wijk.Slug + "-" + name + "-" + strconv.Itoa(from.Year())
}

func (h *Handler) sroiExportCSV(w http.ResponseWriter, r *http.Request, rc *request) {
	c, ok := h.sroiLoad(w, r, rc, false)
	if !ok {
		return
	}
	b, err := sroiCSV(c)
	if err != nil {
		h.serverError(w, r, rc, err)
		return
	}
	sroiSend(w, sroiFileName(rc, c.A.Title, c.A.Period.From)+".csv", "text/csv; charset=utf-8", b)
}

func (h *Handler) sroiExportXLSX(w http.ResponseWriter, r *http.Request, rc *request) {
	c, ok := h.sroiLoad(w, r, rc, false)
	if !ok {
		return
	}
	var buf bytes.Buffer
	if err := ledger.WriteXLSX(&buf, sroiSheets(rc.L, c, newSROIView(rc.L, rc, c, false))); err != nil {
		h.serverError(w, r, rc, err)
		return
	}
	sroiSend(w, sroiFileName(rc, c.A.Title, c.A.Period.From)+".xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", buf.Bytes())
}

func sroiSend(w http.ResponseWriter, name, contentType string, body []byte) {
	w.Header().Set("Content-Type", contentType)
	w.Header().Set("Content-Disposition", `attachment; filename="`+name+`"`)
	w.Header().Set("Cache-Control", "no-store")
	w.Write(body)
}
