package web

import (
	"context"
	"time"

	"github.com/wei-platform/wei/signaal"
	"github.com/wei-platform/wei/wijk"
)

// cbsSignalMonths is the period the map and the profile count signals over.
const cbsSignalMonths = 12

// cbsCounts are the public signal counts of a wijk's buurten over the
// last cbsSignalMonths: per buurt (in the order of the buurten) and for
// the wijk as a whole.
//
// The rule: a buurt's count from 1 to signaal.MinCell-1 is hidden and
// shown as "fewer than 5" (signaal.Suppress; 0 is shown, as
// signaal.SuppressTable does, since it points at nobody). The wijk total
// is shown only when it gives nothing away: it is hidden when it is itself
// under MinCell, or when the hidden buurt counts add up to 1–4, because
// then the total minus the shown counts would reveal them. Hidden buurt
// counts are never hidden further, so "fewer than 5" is always true. The
// map and the profile page publish the same cells.
type cbsCounts struct {
	From, To time.Time
	Buurten  []signaal.Cell
	Total    signaal.Cell
}

func (h *Handler) cbsSignalCounts(c context.Context, wijkID string, buurten []wijk.Buurt) (cbsCounts, error) {
	to := time.Now()
	out := cbsCounts{From: to.AddDate(0, -cbsSignalMonths, 0), To: to}
	raw, err := h.store.SignalCountsByBuurt(c, wijkID, out.From, out.To)
	if err != nil {
		return out, err
	}
	return suppressBuurtCounts(out, raw, buurten), nil
}

func suppressBuurtCounts(out cbsCounts, raw map[string]int, buurten []wijk.Buurt) cbsCounts {
	out.Buurten = make([]signaal.Cell, len(buurten))
	total, hiddenSum := 0, 0
	for i, b := range buurten {
		n := raw[b.ID]
		total += n
		if n > 0 && n < signaal.MinCell {
			out.Buurten[i] = signaal.Cell{Hidden: true}
			hiddenSum += n
			continue
		}
		out.Buurten[i] = signaal.Cell{N: n}
	}
	out.Total = signaal.Cell{N: total}
	if (total > 0 && total < signaal.MinCell) || (hiddenSum > 0 && hiddenSum < signaal.MinCell) {
		out.Total = signaal.Cell{Hidden: true}
	}
	return out
}
