package web

import (
	"net/http"
	"time"

	"github.com/wei-platform/wei/signaal"
)

// signalPublicPage is what everyone may see of the signals: counts per
// buurt and theme over the last twelve months, with small counts hidden
// (signaal.SuppressTable).
type signalPublicPage struct {
	Page
	Sub      subNav
	From, To time.Time
	Themes   []string
	Rows     []publicRow
	Totals   []publicCell
	Total    publicCell
	Any      bool
	MinCell  int
}

type publicRow struct {
	Buurt string
	Cells []publicCell
	Total publicCell
}

// publicCell is a count as shown: the number, or "fewer than five".
type publicCell struct {
	Text   string
	Hidden bool
}

func newPublicCell(rc *request, c signaal.Cell) publicCell {
	if c.Hidden {
		return publicCell{Text: rc.L.T("signals.public.hidden", signaal.MinCell), Hidden: true}
	}
	return publicCell{Text: rc.L.Number(int64(c.N))}
}

// signalsPublic shows the counts of signals per buurt and theme.
func (h *Handler) signalsPublic(w http.ResponseWriter, r *http.Request, rc *request) {
	l := rc.L
	to := today().AddDate(0, 0, 1)
	from := to.AddDate(-1, 0, 0)
	themes, err := h.store.Themes(ctx(r), rc.Wijk.ID)
	if err != nil {
		h.serverError(w, r, rc, err)
		return
	}
	bs, _, err := h.buurtNames(r, rc)
	if err != nil {
		h.serverError(w, r, rc, err)
		return
	}
	counts, err := h.store.SignalCountsByBuurtTheme(ctx(r), rc.Wijk.ID, from, to)
	if err != nil {
		h.serverError(w, r, rc, err)
		return
	}
	// Columns: the themes with at least one signal, in the wijk's order.
	var cols []string
	for _, t := range themes {
		for _, byTheme := range counts {
			if byTheme[t.Key] > 0 {
				cols = append(cols, t.Key)
				break
			}
		}
	}
	// Themes the wijk no longer has still count.
	for _, byTheme := range counts {
		for k := range byTheme {
			if !signaal.HasTheme(themes, k) && !hasString(cols, k) {
				cols = append(cols, k)
			}
		}
	}
	table := make([][]int, len(bs))
	for i, b := range bs {
		table[i] = make([]int, len(cols))
		for j, k := range cols {
			table[i][j] = counts[b.ID][k]
		}
	}
	sup := signaal.SuppressTable(table)
	p := signalPublicPage{Page: h.page(r, rc, l.T("signals.public.title")), Sub: signalSubNav(r, rc), From: from, To: to.AddDate(0, 0, -1),
		Any: len(counts) > 0, MinCell: signaal.MinCell, Total: newPublicCell(rc, sup.Total)}
	for _, k := range cols {
		p.Themes = append(p.Themes, themeLabel(l, themes, k))
	}
	for i, b := range bs {
		row := publicRow{Buurt: b.Name, Total: newPublicCell(rc, sup.RowTotals[i])}
		for j := range cols {
			row.Cells = append(row.Cells, newPublicCell(rc, sup.Cells[i][j]))
		}
		p.Rows = append(p.Rows, row)
	}
	for j := range cols {
		p.Totals = append(p.Totals, newPublicCell(rc, sup.ColTotals[j]))
	}
	h.render(w, r, rc, "signal_public.html", p)
}

func hasString(list []string, v string) bool {
	for _, x := range list {
		if x == v {
			return true
		}
	}
	return false
}
