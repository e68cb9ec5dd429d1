package web

import (
	"net/http"
	"strings"

	"github.com/wei-platform/wei"
	"github.com/wei-platform/wei/internal/locale"
	"github.com/wei-platform/wei/proces"
)

// guidePage edits the wijk's own checklist and phase guide, per phase.
type guidePage struct {
	Page
	Summary *ErrorSummary
	Phases  []guideEditPhase
}

type guideEditPhase struct {
	Phase        proces.Phase
	Label        string
	HasChecklist bool // a phase that can be left has a checklist
	Criteria     []criterionEdit
	NewText      Field
	NewRequired  Field
	Texts        []Field
	Open         bool // the text form had errors
}

type criterionEdit struct {
	proces.Criterion
	Number                  int
	Text, Required, Retired Field
}

// guideInput is what a refused form on the guide page sent.
type guideInput struct {
	Phase       proces.Phase
	Kind        string // "texts", "new" or "criterion"
	CriterionID string
	Form        form
}

func (h *Handler) guideEdit(w http.ResponseWriter, r *http.Request, rc *request) {
	h.renderGuide(w, r, rc, http.StatusOK, guideInput{Form: newForm()})
}

// guideKeyLabel is the label of a field of the guide.
func guideKeyLabel(l *locale.Localizer, key string) string {
	if rest, ok := strings.CutPrefix(key, "partner."); ok {
		domain, field, _ := strings.Cut(rest, ".")
		return l.T("guide.field.partner_"+field, l.T("domain."+domain))
	}
	return l.T("guide.field." + key)
}

func guideFieldID(p proces.Phase, key string) string {
	return "g-" + string(p) + "-" + strings.ReplaceAll(key, ".", "-")
}

func (h *Handler) renderGuide(w http.ResponseWriter, r *http.Request, rc *request, status int, inp guideInput) {
	c, l, wid := ctx(r), rc.L, rc.Wijk.ID
	crit, err := h.store.Criteria(c, wid)
	if err != nil {
		h.serverError(w, r, rc, err)
		return
	}
	texts, err := h.store.GuideTexts(c, wid, l.Lang())
	if err != nil {
		h.serverError(w, r, rc, err)
		return
	}
	p := guidePage{Page: h.page(r, rc, l.T("guide.edit.title"))}
	for _, ph := range proces.Phases {
		gp := guideEditPhase{Phase: ph, Label: phaseName(l, ph), HasChecklist: ph.Next() != ""}
		n := 0
		for _, cr := range crit {
			if cr.Phase != ph {
				continue
			}
			n++
			f := newForm()
			if inp.Kind == "criterion" && inp.CriterionID == cr.ID {
				f = inp.Form
			} else {
				f.Values["text"] = cr.Text
				if cr.Required {
					f.Values["required"] = "yes"
				}
				if cr.Retired {
					f.Values["retired"] = "yes"
				}
			}
			ce := criterionEdit{Criterion: cr, Number: n,
				Text:     f.fieldAs(l, "crit-"+cr.ID+"-text", "text", "guide.criterion.text", "text", "off", true),
				Required: f.Check(l, "required", "guide.criterion.required"),
				Retired:  f.Check(l, "retired", "guide.criterion.retired")}
			ce.Required.ID, ce.Retired.ID = "crit-"+cr.ID+"-required", "crit-"+cr.ID+"-retired"
			if inp.Kind == "criterion" && inp.CriterionID == cr.ID {
				p.Summary = summaryOf(l, f, nil, ce.Text, ce.Required, ce.Retired)
			}
			gp.Criteria = append(gp.Criteria, ce)
		}
		nf := newForm()
		if inp.Kind == "new" && inp.Phase == ph {
			nf = inp.Form
		}
		gp.NewText = nf.fieldAs(l, "new-"+string(ph)+"-text", "text", "guide.criterion.text", "text", "off", true)
		gp.NewRequired = nf.Check(l, "required", "guide.criterion.required")
		gp.NewRequired.ID = "new-" + string(ph) + "-required"
		if inp.Kind == "new" && inp.Phase == ph {
			p.Summary = summaryOf(l, nf, nil, gp.NewText, gp.NewRequired)
		}
		g, _ := proces.GuideFor(l.Lang(), ph)
		g = g.With(texts[ph])
		tf := newForm()
		own := inp.Kind == "texts" && inp.Phase == ph
		if own {
			tf = inp.Form
		}
		for _, key := range proces.GuideFieldKeys() {
			if !own {
				tf.Values[key], _ = g.Value(key)
			}
			typ := "textarea"
			if key == proces.KeyTitle {
				typ = "text"
			}
			fl := tf.fieldAs(l, guideFieldID(ph, key), key, "guide.field."+strings.ReplaceAll(key, ".", "_"), typ, "off", false)
			fl.Label = guideKeyLabel(l, key)
			gp.Texts = append(gp.Texts, fl)
		}
		if own && tf.HasErrors() {
			gp.Open = true
			p.Summary = summaryOf(l, tf, nil, gp.Texts...)
		}
		p.Phases = append(p.Phases, gp)
	}
	h.renderStatus(w, r, rc, status, "proces_guide.html", p)
}

func guideURL(rc *request, p proces.Phase) string {
	return "/w/" + rc.Wijk.Slug + "/gids#phase-" + string(p)
}

// guideTextsSave stores the wijk's own texts of one phase's guide, in the
// language of the page. A text that is empty, or the same as the default,
// goes back to the default.
func (h *Handler) guideTextsSave(w http.ResponseWriter, r *http.Request, rc *request) {
	l := rc.L
	ph := proces.Phase(r.PostFormValue("phase"))
	def, ok := proces.GuideFor(l.Lang(), ph)
	if !ok {
		h.renderError(w, r, rc, http.StatusBadRequest, "error.bad_request.title", "error.bad_request.text")
		return
	}
	keys := proces.GuideFieldKeys()
	f := newForm()
	for _, key := range keys {
		v := strings.TrimSpace(strings.ReplaceAll(r.PostFormValue(key), "\r\n", "\n"))
		f.Values[key] = v
		if len(v) > 4000 {
			f.Errors[key] = l.T("error.too_long")
		}
	}
	if f.HasErrors() {
		h.renderGuide(w, r, rc, http.StatusBadRequest, guideInput{Phase: ph, Kind: "texts", Form: f})
		return
	}
	for _, key := range keys {
		v := f.Values[key]
		if d, _ := def.Value(key); v == strings.TrimSpace(d) {
			v = ""
		}
		if err := h.store.SetGuideText(ctx(r), rc.Wijk.ID, ph, l.Lang(), key, v); err != nil {
			if !f.setErr(rc, err) {
				h.serverError(w, r, rc, err)
				return
			}
			h.renderGuide(w, r, rc, http.StatusBadRequest, guideInput{Phase: ph, Kind: "texts", Form: f})
			return
		}
	}
	h.flash(w, "guide.flash.saved")
	http.Redirect(w, r, guideURL(rc, ph), http.StatusSeeOther)
}

// criterionAdd adds a criterion to the checklist of a phase.
func (h *Handler) criterionAdd(w http.ResponseWriter, r *http.Request, rc *request) {
	f := newForm().fill(r, "phase", "text", "required")
	c := proces.Criterion{WijkID: rc.Wijk.ID, Phase: proces.Phase(f.Values["phase"]), Text: f.Values["text"], Required: f.Values["required"] == "yes"}
	if err := h.store.AddCriterion(ctx(r), &c); err != nil {
		if !f.setErr(rc, err) {
			h.serverError(w, r, rc, err)
			return
		}
		h.renderGuide(w, r, rc, http.StatusBadRequest, guideInput{Phase: c.Phase, Kind: "new", Form: f})
		return
	}
	h.flash(w, "guide.flash.criterion_added")
	http.Redirect(w, r, guideURL(rc, c.Phase), http.StatusSeeOther)
}

// criterionUpdate changes the text of a criterion, whether it is
// required, or retires it.
func (h *Handler) criterionUpdate(w http.ResponseWriter, r *http.Request, rc *request) {
	crit, err := h.store.Criteria(ctx(r), rc.Wijk.ID)
	if err != nil {
		h.serverError(w, r, rc, err)
		return
	}
	id := r.PathValue("id")
	var c proces.Criterion
	for _, x := range crit {
		if x.ID == id {
			c = x
		}
	}
	if c.ID == "" {
		h.serverError(w, r, rc, wei.ErrNotFound)
		return
	}
	f := newForm().fill(r, "text", "required", "retired")
	c.Text, c.Required, c.Retired = f.Values["text"], f.Values["required"] == "yes", f.Values["retired"] == "yes"
	if err := h.store.UpdateCriterion(ctx(r), &c); err != nil {
		if !f.setErr(rc, err) {
			h.serverError(w, r, rc, err)
			return
		}
		h.renderGuide(w, r, rc, http.StatusBadRequest, guideInput{Phase: c.Phase, Kind: "criterion", CriterionID: c.ID, Form: f})
		return
	}
	h.flash(w, "guide.flash.saved")
	http.Redirect(w, r, guideURL(rc, c.Phase), http.StatusSeeOther)
}
