package web

import (
	"net/http"
	"time"

	"github.com/wei-platform/wei/account"
	"github.com/wei-platform/wei/proces"
)

// phasesPage is the wijk by phase: a column per phase of the WEI-model,
// then the initiatives that ended.
type phasesPage struct {
	Page
	Columns     []phaseColumn
	Total       int
	CanSeeStuck bool
	CanViewFlow bool
	CanLearn    bool
	CanEdit     bool
}

type phaseColumn struct {
	Phase       proces.Phase
	Label       string
	Initiatives []phaseItem
}

type phaseItem struct {
	ID, Name  string
	FormLabel string
	Since     time.Time
	Stuck     bool
	Days      int
}

// phases shows every initiative of the wijk in its current phase.
func (h *Handler) phases(w http.ResponseWriter, r *http.Request, rc *request) {
	ins, err := h.store.Initiatives(ctx(r), rc.Wijk.ID)
	if err != nil {
		h.serverError(w, r, rc, err)
		return
	}
	wid := rc.Wijk.ID
	p := phasesPage{Page: h.page(r, rc, rc.L.T("proces.phases.title")), Total: len(ins),
		CanSeeStuck: rc.Actor.Can(account.PermMovePhase, wid),
		CanViewFlow: rc.Actor.Can(account.PermViewFlow, wid),
		CanLearn:    rc.Actor.Can(account.PermRecordLearning, wid),
		CanEdit:     rc.Actor.Can(account.PermEditGuide, wid)}
	now := today()
	for _, ph := range proces.FlowPhases {
		col := phaseColumn{Phase: ph, Label: phaseName(rc.L, ph)}
		for _, in := range ins {
			if in.Phase != ph {
				continue
			}
			it := phaseItem{ID: in.ID, Name: in.Name, FormLabel: rc.L.T("form." + string(in.Form)), Since: in.PhaseSince}
			if p.CanSeeStuck && isStuck(in, now) {
				it.Stuck, it.Days = true, daysBetween(in.PhaseSince, now)
			}
			col.Initiatives = append(col.Initiatives, it)
		}
		p.Columns = append(p.Columns, col)
	}
	h.render(w, r, rc, "proces_phases.html", p)
}
