package api

import (
	"fmt"
	"math"
	"net/http"

	"github.com/wei-platform/wei"
	"github.com/wei-platform/wei/ledger"
)

const maxSpends = 1000

type lm3SpendInput struct {
	Amount int64 `json:"amount"` // cents
	Local  bool  `json:"local"`
	// RespendPercent is, for a local recipient, the part of what they
	// received that they spend locally again (0-100); ignored when not local.
	RespendPercent float64 `json:"respend_percent"`
}

type lm3Input struct {
	R1     int64           `json:"r1"` // cents
	Spends []lm3SpendInput `json:"spends"`
}

type lm3JSON struct {
	R1         moneyJSON `json:"r1"`
	R2         moneyJSON `json:"r2"`
	R3         moneyJSON `json:"r3"`
	LM3        float64   `json:"lm3"`
	Leak       moneyJSON `json:"leak"`
	LeakRound3 moneyJSON `json:"leak_round3"`
}

// computeLM3 computes the local multiplier 3 of an income (ledger.LM3):
// pure computation, nothing is stored.
func (a *api) computeLM3(w http.ResponseWriter, r *http.Request, c *call) error {
	var in lm3Input
	if err := decode(w, r, &in); err != nil {
		return err
	}
	f := wei.FieldErrors{}
	if in.R1 <= 0 || in.R1 > maxAmount {
		f.Add("r1", "error.positive")
	}
	if len(in.Spends) > maxSpends {
		f.Add("spends", "error.range")
	}
	spends := make([]ledger.Spend, 0, len(in.Spends))
	var total int64
	for i, s := range in.Spends {
		if s.Amount < 0 || s.Amount > maxAmount {
			f.Add(fmt.Sprintf("spends[%d].amount", i), "error.not_negative")
		}
		if math.IsNaN(s.RespendPercent) || s.RespendPercent < 0 || s.RespendPercent > 100 {
			f.Add(fmt.Sprintf("spends[%d].respend_percent", i), "error.range")
		}
		total += s.Amount
		sp := ledger.Spend{Amount: s.Amount, Local: s.Local}
		if s.Local {
			sp.RespendBasisPoints = int(math.Round(s.RespendPercent * 100))
		}
		spends = append(spends, sp)
	}
	if err := f.Err(); err != nil {
		return err
	}
	if total > in.R1 {
		return &wei.Error{Code: wei.EINVALID, Message: "The spends add up to more than the income R1.", Fields: map[string]string{"spends": "error.spend_exceeds_income"}}
	}
	res, err := ledger.LM3(in.R1, spends)
	if err != nil {
		return err
	}
	d := decimals{ledger.EUR: 2}
	eur := func(n int64) moneyJSON { return d.money(ledger.EUR, n) }
	a.writeJSON(w, r, http.StatusOK, lm3JSON{R1: eur(res.R1), R2: eur(res.R2), R3: eur(res.R3), LM3: math.Round(res.LM3*10000) / 10000,
		Leak: eur(res.Leak), LeakRound3: eur(res.LeakRound3)})
	return nil
}
