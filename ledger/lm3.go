package ledger

import (
	"github.com/wei-platform/wei"
)

// Spend is where part of the studied income (R1) went: to a recipient,
// local or not. RespendBasisPoints is, for a local recipient, the part of
// what they received that they spend locally again, in basis points
// (4000 = 40%): from their own ledger where they use WEI, otherwise a
// survey figure.
type Spend struct {
	Recipient          string
	Amount             int64 // cents
	Local              bool
	RespendBasisPoints int
}

// LM3Result is the local multiplier of an income and where it leaks.
type LM3Result struct {
	R1, R2, R3 int64   // cents
	LM3        float64 // (R1 + R2 + R3) / R1
	Leak       int64   // spent outside the wijk in round 2
	LeakRound3 int64   // what local recipients spend outside the wijk
}

// LM3 computes the local multiplier 3 of an income r1 (cents) spent as
// spends: R2 is the part spent locally, R3 the part local recipients
// spend locally again. LM3 = (R1 + R2 + R3) / R1.
func LM3(r1 int64, spends []Spend) (LM3Result, error) {
	f := wei.FieldErrors{}
	if r1 <= 0 {
		f.Add("r1", "error.positive")
	}
	var total int64
	for _, s := range spends {
		if s.Amount < 0 {
			f.Add("amount", "error.not_negative")
		}
		if s.RespendBasisPoints < 0 || s.RespendBasisPoints > 10000 {
			f.Add("respend", "error.percentage")
		}
		total += s.Amount
	}
	if total > r1 {
		f.Add("amount", "error.spend_exceeds_income")
	}
	if err := f.Err(); err != nil {
		return LM3Result{}, err
	}
	res := LM3Result{R1: r1}
	for _, s := range spends {
		if !s.Local {
			res.Leak += s.Amount
			continue
		}
		res.R2 += s.Amount
		local := s.Amount * int64(s.RespendBasisPoints) / 10000
		res.R3 += local
		res.LeakRound3 += s.Amount - local
	}
	res.LM3 = float64(r1+res.R2+res.R3) / float64(r1)
	return res, nil
}
