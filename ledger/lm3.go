package ledger

import (
	"math/bits"

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

// Respend is what an organisation that keeps its books in WEI spent in a
// period, from its own ledger, and the part of it that stayed in the wijk.
type Respend struct {
	Spent int64 // cents booked on its expense accounts
	Local int64 // the part of Spent that went to accounts inside the wijk
}

// BasisPoints is the part of Spent that stayed local, in basis points
// (rounded down), and false when nothing was spent: then the books say
// nothing and a survey figure has to do.
func (r Respend) BasisPoints() (int, bool) {
	if r.Spent <= 0 {
		return 0, false
	}
	return int(mulDiv(min(max(r.Local, 0), r.Spent), 10000, r.Spent)), true
}

// OwnRespend computes the re-spend share of an organisation of the wijk
// from its own ledger: of the euros it booked on its expense accounts in
// txs (the transactions of the period), the part that went to accounts
// inside the wijk's books counts as local, the rest as leaking out.
//
// The rule, per transaction: what the transaction books on the
// organisation's expense accounts (corrections count negative) is shared
// over the transaction's other euro postings, those on accounts that are
// not the organisation's own, in proportion to their size. The part on a
// local account (another initiative, the wijkcoöperatie, a resident's time
// or local-currency account, or any account marked Local) is local; the
// part on any other account (the outside world, the bank, claims to pay,
// the wijkbudget, a funder) is not, because there the money leaves the
// wijk. An expense with no counterparty but the organisation's own
// accounts is not local either: where it went is unknown.
func OwnRespend(organisationID string, txs []Transaction, accounts map[string]Account) Respend {
	var r Respend
	if organisationID == "" {
		return r
	}
	for _, t := range txs {
		var spent, others, local int64
		for _, p := range t.Postings {
			a, ok := accounts[p.AccountID]
			if !ok || p.Asset != EUR {
				continue
			}
			switch {
			case a.OrganisationID == organisationID:
				if a.Type == TypeExpense {
					spent += p.Amount
				}
			default:
				x := abs(p.Amount)
				others += x
				if a.Local || a.Type == TypeTime || a.PersonID != "" {
					local += x
				}
			}
		}
		if spent == 0 {
			continue
		}
		r.Spent += spent
		if others > 0 {
			r.Local += mulDiv(spent, local, others)
		}
	}
	return r
}

func abs(x int64) int64 {
	if x < 0 {
		return -x
	}
	return x
}

// mulDiv is a*b/c rounded towards zero, for b >= 0, c > 0 and a result
// that fits in an int64, without overflowing on large amounts.
func mulDiv(a, b, c int64) int64 {
	neg := a < 0
	hi, lo := bits.Mul64(uint64(abs(a)), uint64(b))
	q, _ := bits.Div64(hi, lo, uint64(c))
	if neg {
		return -int64(q)
	}
	return int64(q)
}
