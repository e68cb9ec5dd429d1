package web

import (
	"net/http"

	"github.com/wei-platform/wei/proces"
	"github.com/wei-platform/wei/wijk"
)

// matrixPage is the cooperation matrix: per partner, the initiatives in
// each phase it works with now, and per phase the initiatives that have
// no partner yet. It shows the process manager where to ask for help.
type matrixPage struct {
	Page
	Phases  []string
	Groups  []matrixGroup
	Without [][]initiativeLink // per phase
	Partner bool               // the wijk has partners
}

type matrixGroup struct {
	Label string
	Rows  []matrixRow
}

type matrixRow struct {
	Partner wijk.Organisation
	Cells   [][]initiativeLink // per phase
}

func (h *Handler) cooperationMatrix(w http.ResponseWriter, r *http.Request, rc *request) {
	c, l, wid, now := ctx(r), rc.L, rc.Wijk.ID, today()
	ins, err := h.store.Initiatives(c, wid)
	if err != nil {
		h.serverError(w, r, rc, err)
		return
	}
	partners, err := h.store.Organisations(c, wid, wijk.FormPartner)
	if err != nil {
		h.serverError(w, r, rc, err)
		return
	}
	cs, err := h.store.Cooperations(c, wid)
	if err != nil {
		h.serverError(w, r, rc, err)
		return
	}
	// Which partners work with which initiative now.
	with := map[string]map[string]bool{} // partner -> initiative
	helped := map[string]bool{}          // initiative
	for _, co := range cs {
		if !activeOn(co, now) {
			continue
		}
		if with[co.PartnerID] == nil {
			with[co.PartnerID] = map[string]bool{}
		}
		with[co.PartnerID][co.InitiativeID] = true
		helped[co.InitiativeID] = true
	}
	p := matrixPage{Page: h.page(r, rc, l.T("coop.matrix.title")), Partner: len(partners) > 0, Without: make([][]initiativeLink, len(proces.Phases))}
	for _, ph := range proces.Phases {
		p.Phases = append(p.Phases, phaseName(l, ph))
	}
	for _, in := range ins {
		if i := in.Phase.Index(); i >= 0 && i < len(proces.Phases) && !helped[in.ID] {
			p.Without[i] = append(p.Without[i], initiativeLink{ID: in.ID, Name: in.Name})
		}
	}
	for _, d := range wijk.Domains {
		g := matrixGroup{Label: l.T("domain." + string(d))}
		for _, pa := range partners {
			if pa.Domain != d {
				continue
			}
			row := matrixRow{Partner: pa, Cells: make([][]initiativeLink, len(proces.Phases))}
			for _, in := range ins {
				if i := in.Phase.Index(); i >= 0 && i < len(proces.Phases) && with[pa.ID][in.ID] {
					row.Cells[i] = append(row.Cells[i], initiativeLink{ID: in.ID, Name: in.Name})
				}
			}
			g.Rows = append(g.Rows, row)
		}
		if len(g.Rows) > 0 {
			p.Groups = append(p.Groups, g)
		}
	}
	h.render(w, r, rc, "proces_matrix.html", p)
}
