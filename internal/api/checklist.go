package api

import (
	"net/http"
	"time"

	"github.com/wei-platform/wei"
	"github.com/wei-platform/wei/proces"
)

// criterionCheckJSON is a criterion of the checklist with whether this
// initiative meets it, and the evidence.
type criterionCheckJSON struct {
	CriterionID     string       `json:"criterion_id"`
	Phase           proces.Phase `json:"phase"`
	Text            string       `json:"text"`
	Required        bool         `json:"required"`
	Position        int          `json:"position"`
	Checked         bool         `json:"checked"`
	Evidence        string       `json:"evidence,omitempty"`
	CheckedByUserID string       `json:"checked_by_user_id,omitempty"`
	CheckedAt       time.Time    `json:"checked_at,omitzero"`
}

func toCriterionCheck(cr proces.Criterion, checks map[string]proces.Check) criterionCheckJSON {
	out := criterionCheckJSON{CriterionID: cr.ID, Phase: cr.Phase, Text: cr.Text, Required: cr.Required, Position: cr.Position}
	if ch, ok := checks[cr.ID]; ok {
		out.Checked, out.Evidence, out.CheckedByUserID, out.CheckedAt = true, ch.Evidence, ch.ByUserID, utc(ch.At)
	}
	return out
}

// checklistJSON is the checklist for leaving the initiative's current
// phase. PhaseSeq is what a phase change sends as expect_seq.
type checklistJSON struct {
	InitiativeID string               `json:"initiative_id"`
	Phase        proces.Phase         `json:"phase"`
	PhaseSeq     int                  `json:"phase_seq"`
	Items        []criterionCheckJSON `json:"items"`
}

// getChecklist lists the criteria of the current phase, by position;
// retired ones are left out.
func (a *api) getChecklist(w http.ResponseWriter, r *http.Request, c *call) error {
	in, err := a.initiativeOf(r, c)
	if err != nil {
		return err
	}
	crit, err := a.store.Criteria(r.Context(), c.wijk.ID)
	if err != nil {
		return err
	}
	checks, err := a.store.Checks(r.Context(), in.ID)
	if err != nil {
		return err
	}
	out := checklistJSON{InitiativeID: in.ID, Phase: in.Phase, PhaseSeq: in.PhaseSeq, Items: []criterionCheckJSON{}}
	for _, cr := range crit {
		if cr.Phase == in.Phase && !cr.Retired {
			out.Items = append(out.Items, toCriterionCheck(cr, checks))
		}
	}
	a.writeJSON(w, r, http.StatusOK, out)
	return nil
}

type tickInput struct {
	Evidence string `json:"evidence"`
}

// criterionOf returns the criterion {criterion} of the wijk's checklist;
// a retired one is not found, as it can no longer be ticked.
func (a *api) criterionOf(r *http.Request, c *call) (proces.Criterion, error) {
	crit, err := a.store.Criteria(r.Context(), c.wijk.ID)
	if err != nil {
		return proces.Criterion{}, err
	}
	id := r.PathValue("criterion")
	for _, cr := range crit {
		if cr.ID == id && !cr.Retired {
			return cr, nil
		}
	}
	return proces.Criterion{}, wei.ErrNotFound
}

// tickCriterion records that the initiative meets a criterion, with the
// evidence; ticking again replaces the evidence.
func (a *api) tickCriterion(w http.ResponseWriter, r *http.Request, c *call) error {
	in, err := a.initiativeOf(r, c)
	if err != nil {
		return err
	}
	cr, err := a.criterionOf(r, c)
	if err != nil {
		return err
	}
	var body tickInput
	if err := decode(w, r, &body); err != nil {
		return err
	}
	if err := a.store.Tick(r.Context(), proces.Check{InitiativeID: in.ID, CriterionID: cr.ID, Evidence: body.Evidence, ByUserID: c.actor.User.ID}); err != nil {
		return err
	}
	checks, err := a.store.Checks(r.Context(), in.ID)
	if err != nil {
		return err
	}
	a.writeJSON(w, r, http.StatusOK, toCriterionCheck(cr, checks))
	return nil
}

func (a *api) untickCriterion(w http.ResponseWriter, r *http.Request, c *call) error {
	in, err := a.initiativeOf(r, c)
	if err != nil {
		return err
	}
	if err := a.store.Untick(r.Context(), in.ID, r.PathValue("criterion")); err != nil {
		return err
	}
	w.WriteHeader(http.StatusNoContent)
	return nil
}
