package ledger

import (
	"math"
	"testing"
	"time"

	"github.com/wei-platform/wei"
)

func TestLM3Example(t *testing.T) {
	t.Parallel()
	// The example of the issue: R1 €10,000; local suppliers €4,000 of which
	// they re-spend 40% locally; local staff €3,000, 50%; non-local €3,000.
	res, err := LM3(1_000_000, []Spend{
		{Recipient: "leveranciers", Amount: 400_000, Local: true, RespendBasisPoints: 4000},
		{Recipient: "personeel", Amount: 300_000, Local: true, RespendBasisPoints: 5000},
		{Recipient: "buiten de wijk", Amount: 300_000},
	})
	if err != nil {
		t.Fatal(err)
	}
	if res.R2 != 700_000 || res.R3 != 310_000 || res.Leak != 300_000 || res.LeakRound3 != 390_000 {
		t.Errorf("R2=%d R3=%d Leak=%d LeakRound3=%d", res.R2, res.R3, res.Leak, res.LeakRound3)
	}
	if math.Abs(res.LM3-2.01) > 1e-9 {
		t.Errorf("LM3=%v, want 2.01", res.LM3)
	}
	if _, err := LM3(100, []Spend{{Amount: 200}}); wei.ErrorCode(err) != wei.EINVALID {
		t.Errorf("spending more than R1: err=%v", err)
	}
	if _, err := LM3(0, nil); wei.ErrorCode(err) != wei.EINVALID {
		t.Errorf("R1=0: err=%v", err)
	}
}

func TestTransactionValidate(t *testing.T) {
	t.Parallel()
	ok := Transaction{WijkID: "w", On: time.Now(), Description: "Subsidie", IdempotencyKey: "k",
		Postings: []Posting{{AccountID: "a", Asset: EUR, Amount: 100}, {AccountID: "b", Asset: EUR, Amount: -100}}}
	if err := ok.Validate(); err != nil {
		t.Fatalf("valid: %v", err)
	}
	for _, tc := range []struct {
		name string
		ps   []Posting
	}{
		{"one posting", []Posting{{AccountID: "a", Asset: EUR, Amount: 0}}},
		{"unbalanced", []Posting{{AccountID: "a", Asset: EUR, Amount: 100}, {AccountID: "b", Asset: EUR, Amount: -99}}},
		{"balanced in sum but not per asset", []Posting{{AccountID: "a", Asset: EUR, Amount: 100}, {AccountID: "b", Asset: Time, Amount: -100}}},
		{"zero amount", []Posting{{AccountID: "a", Asset: EUR, Amount: 0}, {AccountID: "b", Asset: EUR, Amount: 0}}},
	} {
		tx := ok
		tx.Postings = tc.ps
		err := tx.Validate()
		var e *wei.Error
		if !asErr(err, &e) || e.Fields["postings"] == "" {
			t.Errorf("%s: err=%v, want a postings error", tc.name, err)
		}
	}
}

func asErr(err error, e **wei.Error) bool {
	if x, ok := err.(*wei.Error); ok {
		*e = x
		return true
	}
	return false
}

func TestChainAndReversal(t *testing.T) {
	t.Parallel()
	day := time.Date(2025, 5, 1, 0, 0, 0, 0, time.UTC)
	var txs []Transaction
	prev := ""
	for i := 1; i <= 3; i++ {
		tx := Transaction{ID: wei.NewID(), WijkID: "w", Seq: int64(i), On: day, Description: "Koffie", IdempotencyKey: "k",
			Postings: []Posting{{AccountID: "a", Asset: EUR, Amount: int64(100 * i)}, {AccountID: "b", Asset: EUR, Amount: int64(-100 * i)}}}
		tx.PrevHash, tx.Hash = prev, tx.ChainHash(prev)
		prev = tx.Hash
		txs = append(txs, tx)
	}
	if bad := VerifyChain(txs); bad != 0 {
		t.Fatalf("VerifyChain=%d, want 0", bad)
	}
	txs[1].Postings[0].Amount = 999 // rewriting history breaks the chain
	if bad := VerifyChain(txs); bad != 2 {
		t.Fatalf("VerifyChain after tampering=%d, want 2", bad)
	}
	txs[1].Postings[0].Amount = 200
	if bad := VerifyChain(txs); bad != 0 {
		t.Fatalf("VerifyChain after undoing the change=%d, want 0", bad)
	}
	seq := txs[2].Seq
	txs[2].Seq = 0 // a row renumbered to 0 must not pass as "no fault"
	if bad := VerifyChain(txs); bad != 3 {
		t.Errorf("VerifyChain with seq 0=%d, want 3", bad)
	}
	if bad := VerifyChainFrom(txs, 2, txs[1].Hash); bad != 3 {
		t.Errorf("VerifyChainFrom with seq 0=%d, want 3", bad)
	}
	txs[2].Seq = seq
	r := txs[0].Reversal(day, "k2", "u")
	if r.ReversesID != txs[0].ID || r.Postings[0].Amount != -100 || r.Postings[1].Amount != 100 {
		t.Errorf("reversal=%+v", r)
	}
	a, b := txs[0], txs[0]
	b.Postings = []Posting{b.Postings[1], b.Postings[0]}
	if a.Fingerprint() != b.Fingerprint() {
		t.Error("fingerprint depends on posting order")
	}
}

func TestFormatAmount(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		amount int64
		dec    int
		comma  bool
		want   string
	}{
		{123456, 2, true, "1.234,56"}, {-5, 2, false, "-0.05"}, {90, 0, true, "90"}, {100000000, 2, true, "1.000.000,00"},
	} {
		if got := FormatAmount(tc.amount, tc.dec, tc.comma); got != tc.want {
			t.Errorf("FormatAmount(%d,%d,%v)=%q, want %q", tc.amount, tc.dec, tc.comma, got, tc.want)
		}
	}
}
