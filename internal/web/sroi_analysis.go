package web

import (
	"net/http"
)

// sroiAnalysisPage is an analysis: its impact map, the calculation step
// by step, who gains what and the sensitivity analysis. Anyone may see
// it; the links to the forms are for those who may edit it.
type sroiAnalysisPage struct {
	Page
	V        sroiView
	NoInputs *Alert
	Links    sroiLinks
	Edit     *sroiEditLinks
}

// sroiLinks are the report and exports of an analysis.
type sroiLinks struct {
	Overview, Report, PDF, CSV, XLSX string
}

// sroiEditLinks are the forms of an analysis, for its editors.
type sroiEditLinks struct {
	Settings                                        string
	NewStakeholder, NewInput, NewOutput, NewOutcome string
	Proxies                                         string
}

func newSROILinks(rc *request, id string) sroiLinks {
	u := sroiURL(rc, id)
	return sroiLinks{Overview: sroiBase(rc), Report: u + "/rapport", PDF: u + "/rapport.pdf", CSV: u + "/impactmap.csv", XLSX: u + "/impactmap.xlsx"}
}

// noInputsAlert is the message for an analysis whose period has no
// inputs: the ratio is undefined, which the page says instead of dividing
// by zero.
func noInputsAlert(rc *request, v sroiView) *Alert {
	if !v.NoInputs {
		return nil
	}
	a := NewAlert(rc.L, "warning", rc.L.T("sroi.error.no_inputs"))
	a.Heading = rc.L.T("sroi.no_inputs.heading")
	return &a
}

func (h *Handler) sroiAnalysis(w http.ResponseWriter, r *http.Request, rc *request) {
	c, ok := h.sroiLoad(w, r, rc, true)
	if !ok {
		return
	}
	canEdit := sroiCanEdit(rc, c.A)
	v := newSROIView(rc.L, rc, c, canEdit)
	p := sroiAnalysisPage{Page: h.page(r, rc, c.A.Title), V: v, NoInputs: noInputsAlert(rc, v), Links: newSROILinks(rc, c.A.ID)}
	if canEdit {
		u := sroiURL(rc, c.A.ID)
		p.Edit = &sroiEditLinks{Settings: u + "/instellingen", Proxies: sroiBase(rc) + "/proxies",
			NewStakeholder: u + "/belanghebbenden/nieuw", NewInput: u + "/inputs/nieuw", NewOutput: u + "/outputs/nieuw", NewOutcome: u + "/uitkomsten/nieuw"}
	}
	h.render(w, r, rc, "sroi_analysis", p)
}
