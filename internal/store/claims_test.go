package store_test

import (
	"bytes"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/wei-platform/wei"
	"github.com/wei-platform/wei/internal/store"
	"github.com/wei-platform/wei/ledger"
	"github.com/wei-platform/wei/wijk"
)

// pngReceipt is the start of a PNG file: enough for content sniffing.
var pngReceipt = append([]byte("\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR"), bytes.Repeat([]byte{0}, 64)...)

const validIBAN = "NL91 ABNA 0417 1643 00"

// claimBooks is a wijk with the standard chart, an initiative
// (Buurttuin), a funder (Gemeente) that has given the wijkbudget €1.000, a
// claimant and a treasurer.
type claimBooks struct {
	wijkID, initiativeID string
	claimant, treasurer  string
	acct                 map[string]ledger.Account // by code
}

func newClaimBooks(t *testing.T, s *store.Store, slug string) claimBooks {
	t.Helper()
	w := mustWijk(t, s, slug, slug)
	in := mustOrganisation(t, s, w.ID, "Buurttuin", wijk.FormBurgerinitiatief)
	mustOrganisation(t, s, w.ID, "Gemeente", wijk.FormPartner)
	if err := s.EnsureChart(t.Context(), w.ID); err != nil {
		t.Fatal(err)
	}
	b := claimBooks{wijkID: w.ID, initiativeID: in.ID, acct: map[string]ledger.Account{},
		claimant: mustUser(t, s, slug+"-ria@example.org", "Ria").ID, treasurer: mustUser(t, s, slug+"-piet@example.org", "Piet").ID}
	for _, code := range []string{store.CodeBank, store.CodeWijkbudget, store.CodePayable, "Financiers:Gemeente",
		"Initiatieven:Buurttuin:Budget", "Initiatieven:Buurttuin:Uitgaven"} {
		a, err := s.AccountByCode(t.Context(), w.ID, code, ledger.EUR)
		if err != nil {
			t.Fatalf("AccountByCode(%s): %v", code, err)
		}
		b.acct[code] = a
	}
	if _, _, err := s.Post(t.Context(), transfer(w.ID, "wijkbudget-2025", b.acct["Financiers:Gemeente"], b.acct[store.CodeWijkbudget], 100_000)); err != nil {
		t.Fatal(err)
	}
	return b
}

// balances returns the balances the doc comment of claims.go tabulates.
func (b claimBooks) balances(t *testing.T, s *store.Store) [6]int64 {
	t.Helper()
	var out [6]int64
	for i, code := range []string{store.CodeWijkbudget, "Initiatieven:Buurttuin:Budget", "Initiatieven:Buurttuin:Uitgaven", store.CodePayable, store.CodeBank, "Financiers:Gemeente"} {
		out[i] = balanceOf(t, s, b.acct[code])
	}
	return out
}

func (b claimBooks) claim(amount int64, key string) *store.Claim {
	return &store.Claim{WijkID: b.wijkID, InitiativeID: b.initiativeID, ClaimantUserID: b.claimant, IdempotencyKey: key,
		PayeeName: "Ria de Vries", PayeeIBAN: validIBAN, Purpose: "Planten voor de moestuin", Category: "Materiaal",
		AmountCents: amount, SpentOn: time.Date(2025, 5, 3, 0, 0, 0, 0, time.UTC)}
}

func headSeq(t *testing.T, s *store.Store, wijkID string) int64 {
	t.Helper()
	seq, _, err := s.LedgerHead(t.Context(), wijkID)
	if err != nil {
		t.Fatal(err)
	}
	return seq
}

var grantDay = time.Date(2025, 5, 1, 0, 0, 0, 0, time.UTC)

// TestClaimFlow walks grant → submit → approve (refused for the claimant)
// → pay and checks the balances the doc comment of claims.go promises.
func TestClaimFlow(t *testing.T) {
	t.Parallel()
	forEachDB(t, func(t *testing.T, s *store.Store) {
		b := newClaimBooks(t, s, "declaraties")
		if got, want := b.balances(t, s), [6]int64{100_000, 0, 0, 0, 0, -100_000}; got != want {
			t.Fatalf("start balances=%v, want %v", got, want)
		}
		grant, replay, err := s.Grant(t.Context(), b.wijkID, b.initiativeID, store.CodeWijkbudget, 30_000, grantDay, "Wijkbudget 2025 voor de Buurttuin", "grant-1", b.treasurer)
		if err != nil || replay {
			t.Fatalf("Grant: replay=%v err=%v", replay, err)
		}
		again, replay, err := s.Grant(t.Context(), b.wijkID, b.initiativeID, store.CodeWijkbudget, 30_000, grantDay, "Wijkbudget 2025 voor de Buurttuin", "grant-1", b.treasurer)
		if err != nil || !replay || again.ID != grant.ID {
			t.Fatalf("Grant again: replay=%v id=%s, want %s, err=%v", replay, again.ID, grant.ID, err)
		}
		_, _, err = s.Grant(t.Context(), b.wijkID, b.initiativeID, store.CodeWijkbudget, 40_000, grantDay, "Wijkbudget 2025 voor de Buurttuin", "grant-1", b.treasurer)
		wantCode(t, err, wei.ECONFLICT)
		if got, want := b.balances(t, s), [6]int64{70_000, 30_000, 0, 0, 0, -100_000}; got != want {
			t.Fatalf("after grant balances=%v, want %v", got, want)
		}

		line := store.BudgetLine{WijkID: b.wijkID, InitiativeID: b.initiativeID, Name: " Zaden  en planten ", AmountCents: 20_000, CreatedBy: b.treasurer}
		if err := s.AddBudgetLine(t.Context(), &line); err != nil {
			t.Fatal(err)
		}
		dup := store.BudgetLine{WijkID: b.wijkID, InitiativeID: b.initiativeID, Name: "Zaden en planten", AmountCents: 100}
		wantCode(t, s.AddBudgetLine(t.Context(), &dup), wei.ECONFLICT)

		c := b.claim(4_550, "submit-1")
		c.BudgetLineID = line.ID
		if err := s.SubmitClaim(t.Context(), c, store.Receipt{Name: `C:\fotos\bon "plant".png`, Data: pngReceipt}); err != nil {
			t.Fatal(err)
		}
		if c.Status != store.ClaimSubmitted || c.PayeeIBAN != "NL91ABNA0417164300" || c.ReceiptType != "image/png" || c.ReceiptName != "bon plant.png" || c.Category != "materiaal" {
			t.Errorf("submitted claim=%+v", c)
		}

		// Four eyes: the claimant cannot approve their own claim.
		_, err = s.ApproveClaim(t.Context(), c.ID, b.claimant, "")
		wantInvalid(t, err, "approver")
		if got, _ := s.Claim(t.Context(), c.ID); got.Status != store.ClaimSubmitted {
			t.Fatalf("status after the refused approval=%s", got.Status)
		}
		seq := headSeq(t, s, b.wijkID)

		approved, err := s.ApproveClaim(t.Context(), c.ID, b.treasurer, "")
		if err != nil {
			t.Fatal(err)
		}
		if approved.Status != store.ClaimApproved || approved.ApprovedBy != b.treasurer || approved.ApproveTxID == "" || approved.ApprovedAt.IsZero() {
			t.Errorf("approved claim=%+v", approved)
		}
		if got, want := b.balances(t, s), [6]int64{70_000, 25_450, 4_550, -4_550, 4_550, -100_000}; got != want {
			t.Fatalf("after approve balances=%v, want %v", got, want)
		}
		tx, err := s.LedgerTransaction(t.Context(), approved.ApproveTxID)
		if err != nil || len(tx.Postings) != 4 || tx.Description != "Planten voor de moestuin" || tx.Category != "materiaal" || tx.Seq != seq+1 {
			t.Errorf("approval transaction=%+v err=%v", tx, err)
		}
		// The same approval again is a repeat, not a second booking; a
		// different request on an approved claim is refused.
		if again, err := s.ApproveClaim(t.Context(), c.ID, b.treasurer, ""); err != nil || again.ApproveTxID != approved.ApproveTxID {
			t.Errorf("approve again: %+v %v", again, err)
		}
		_, err = s.ApproveClaim(t.Context(), c.ID, b.treasurer, "other-key")
		wantInvalid(t, err, "status")
		if got := headSeq(t, s, b.wijkID); got != seq+1 {
			t.Errorf("head seq=%d after repeated approvals, want %d", got, seq+1)
		}

		paid, err := s.PayClaim(t.Context(), c.ID, b.treasurer, "")
		if err != nil {
			t.Fatal(err)
		}
		if paid.Status != store.ClaimPaid || paid.PaidTxID == "" || paid.PaidBy != b.treasurer {
			t.Errorf("paid claim=%+v", paid)
		}
		if got, want := b.balances(t, s), [6]int64{70_000, 25_450, 4_550, 0, 0, -100_000}; got != want {
			t.Fatalf("after pay balances=%v, want %v", got, want)
		}
		if again, err := s.PayClaim(t.Context(), c.ID, b.treasurer, ""); err != nil || again.PaidTxID != paid.PaidTxID {
			t.Errorf("pay again: %+v %v", again, err)
		}
		if got := headSeq(t, s, b.wijkID); got != seq+2 {
			t.Errorf("head seq=%d, want %d", got, seq+2)
		}
		broken, bad, err := s.VerifyLedger(t.Context(), b.wijkID)
		if err != nil || broken != 0 || len(bad) != 0 {
			t.Fatalf("VerifyLedger=%d %v %v", broken, bad, err)
		}

		rep, err := s.BudgetVsActual(t.Context(), b.initiativeID)
		if err != nil {
			t.Fatal(err)
		}
		if len(rep.Lines) != 1 || rep.Lines[0].Name != "Zaden en planten" || rep.Lines[0].ActualCents != 4_550 || rep.Lines[0].RemainingCents != 15_450 {
			t.Errorf("lines=%+v", rep.Lines)
		}
		if rep.SpentCents != 4_550 || rep.AvailableCents != 25_450 || rep.GrantedCents != 30_000 || rep.PlannedCents != 20_000 ||
			rep.UnplannedCents != 10_000 || rep.UnlinedCents != 0 || rep.PendingCents != 0 {
			t.Errorf("report=%+v", rep)
		}

		r, err := s.Receipt(t.Context(), c.ID)
		if err != nil || !bytes.Equal(r.Data, pngReceipt) || r.Type != "image/png" {
			t.Errorf("Receipt: type=%q %d bytes err=%v", r.Type, len(r.Data), err)
		}
		list, err := s.Claims(t.Context(), b.wijkID, store.ClaimPaid)
		if err != nil || len(list) != 1 || list[0].ID != c.ID || list[0].ReceiptBytes != int64(len(pngReceipt)) {
			t.Errorf("Claims(paid)=%+v err=%v", list, err)
		}
		if list, _ := s.Claims(t.Context(), b.wijkID, store.ClaimSubmitted); len(list) != 0 {
			t.Errorf("Claims(submitted)=%d claims, want 0", len(list))
		}
	})
}

// TestClaimApproveInsufficientBudget: a claim larger than what is left of
// the budget is refused and nothing changes.
func TestClaimApproveInsufficientBudget(t *testing.T) {
	t.Parallel()
	forEachDB(t, func(t *testing.T, s *store.Store) {
		b := newClaimBooks(t, s, "krap")
		if _, _, err := s.Grant(t.Context(), b.wijkID, b.initiativeID, store.CodeWijkbudget, 1_000, grantDay, "Klein budget", "grant-klein", b.treasurer); err != nil {
			t.Fatal(err)
		}
		c := b.claim(4_550, "")
		if err := s.SubmitClaim(t.Context(), c, store.Receipt{Name: "bon.pdf", Data: []byte("%PDF-1.4\n%...")}); err != nil {
			t.Fatal(err)
		}
		before, seq := b.balances(t, s), headSeq(t, s, b.wijkID)
		_, err := s.ApproveClaim(t.Context(), c.ID, b.treasurer, "")
		wantInvalid(t, err, "amount")
		if got, _ := s.Claim(t.Context(), c.ID); got.Status != store.ClaimSubmitted || got.ApproveTxID != "" || got.ApprovedBy != "" {
			t.Errorf("claim after the refusal=%+v", got)
		}
		if got := headSeq(t, s, b.wijkID); got != seq {
			t.Errorf("head seq=%d, want %d: a transaction was booked", got, seq)
		}
		if got := b.balances(t, s); got != before {
			t.Errorf("balances=%v, want %v", got, before)
		}
		rep, err := s.BudgetVsActual(t.Context(), b.initiativeID)
		if err != nil || rep.PendingCents != 4_550 || rep.SpentCents != 0 || rep.AvailableCents != 1_000 {
			t.Errorf("report=%+v err=%v", rep, err)
		}
		// Paying needs an approval first.
		_, err = s.PayClaim(t.Context(), c.ID, b.treasurer, "")
		wantInvalid(t, err, "status")
		// More budget, and the same claim can be approved.
		if _, _, err := s.Grant(t.Context(), b.wijkID, b.initiativeID, "Financiers:Gemeente", 5_000, grantDay, "Aanvulling", "grant-extra", b.treasurer); err != nil {
			t.Fatal(err)
		}
		if _, err := s.ApproveClaim(t.Context(), c.ID, b.treasurer, ""); err != nil {
			t.Fatal(err)
		}
	})
}

func TestClaimReject(t *testing.T) {
	t.Parallel()
	forEachDB(t, func(t *testing.T, s *store.Store) {
		b := newClaimBooks(t, s, "afwijzen")
		c := b.claim(1_000, "")
		if err := s.SubmitClaim(t.Context(), c, store.Receipt{Name: "bon.jpg", Data: []byte("\xff\xd8\xff\xe0\x00\x10JFIF\x00")}); err != nil {
			t.Fatal(err)
		}
		if c.ReceiptType != "image/jpeg" {
			t.Errorf("ReceiptType=%q", c.ReceiptType)
		}
		_, err := s.RejectClaim(t.Context(), c.ID, b.treasurer, "  ")
		wantInvalid(t, err, "reason")
		got, err := s.RejectClaim(t.Context(), c.ID, b.treasurer, "Dit hoort niet bij de Buurttuin.")
		if err != nil || got.Status != store.ClaimRejected || got.RejectReason != "Dit hoort niet bij de Buurttuin." || got.RejectedBy != b.treasurer {
			t.Fatalf("RejectClaim=%+v err=%v", got, err)
		}
		_, err = s.ApproveClaim(t.Context(), c.ID, b.treasurer, "")
		wantInvalid(t, err, "status")
		_, err = s.RejectClaim(t.Context(), c.ID, b.treasurer, "Nog een keer")
		wantInvalid(t, err, "status")
		_, err = s.ApproveClaim(t.Context(), "00000000-0000-7000-8000-000000000000", b.treasurer, "")
		wantCode(t, err, wei.ENOTFOUND)
	})
}

func TestClaimValidation(t *testing.T) {
	t.Parallel()
	forEachDB(t, func(t *testing.T, s *store.Store) {
		b := newClaimBooks(t, s, "controle")
		other := mustOrganisation(t, s, b.wijkID, "Repair Café", wijk.FormBurgerinitiatief)
		otherLine := store.BudgetLine{WijkID: b.wijkID, InitiativeID: other.ID, Name: "Gereedschap", AmountCents: 5_000}
		if err := s.AddBudgetLine(t.Context(), &otherLine); err != nil {
			t.Fatal(err)
		}
		tooBig := append(append([]byte{}, pngReceipt...), make([]byte, store.MaxReceiptBytes)...)
		for _, tc := range []struct {
			name    string
			edit    func(c *store.Claim)
			receipt store.Receipt
			fields  []string
		}{
			{"text file", nil, store.Receipt{Name: "bon.pdf", Data: []byte("gewoon tekst, geen bon")}, []string{"receipt"}},
			{"html file", nil, store.Receipt{Name: "bon.png", Data: []byte("<html><script>alert(1)</script>")}, []string{"receipt"}},
			{"too large", nil, store.Receipt{Name: "bon.png", Data: tooBig}, []string{"receipt"}},
			{"no receipt", nil, store.Receipt{}, []string{"receipt"}},
			{"no amount", func(c *store.Claim) { c.AmountCents = 0 }, store.Receipt{Data: pngReceipt}, []string{"amount"}},
			{"negative", func(c *store.Claim) { c.AmountCents = -5 }, store.Receipt{Data: pngReceipt}, []string{"amount"}},
			{"no purpose", func(c *store.Claim) { c.Purpose = " " }, store.Receipt{Data: pngReceipt}, []string{"purpose"}},
			{"future", func(c *store.Claim) { c.SpentOn = time.Now().AddDate(0, 0, 3) }, store.Receipt{Data: pngReceipt}, []string{"spent_on"}},
			{"no date", func(c *store.Claim) { c.SpentOn = time.Time{} }, store.Receipt{Data: pngReceipt}, []string{"spent_on"}},
			{"bad iban", func(c *store.Claim) { c.PayeeIBAN = "NL91ABNA0417164301" }, store.Receipt{Data: pngReceipt}, []string{"payee_iban"}},
			{"no payee", func(c *store.Claim) { c.PayeeName = ""; c.PayeeIBAN = "" }, store.Receipt{Data: pngReceipt}, []string{"payee_name", "payee_iban"}},
			{"line of another initiative", func(c *store.Claim) { c.BudgetLineID = otherLine.ID }, store.Receipt{Data: pngReceipt}, []string{"budget_line_id"}},
			{"initiative of another wijk", func(c *store.Claim) { c.InitiativeID = "00000000-0000-7000-8000-000000000000" }, store.Receipt{Data: pngReceipt}, []string{"initiative_id"}},
			{"several at once", func(c *store.Claim) { c.Purpose = "" }, store.Receipt{Data: []byte("tekst")}, []string{"purpose", "receipt"}},
		} {
			t.Run(tc.name, func(t *testing.T) {
				c := b.claim(1_000, "")
				if tc.edit != nil {
					tc.edit(c)
				}
				wantInvalid(t, s.SubmitClaim(t.Context(), c, tc.receipt), tc.fields...)
			})
		}
		if list, _ := s.Claims(t.Context(), b.wijkID, ""); len(list) != 0 {
			t.Errorf("%d claims stored, want 0", len(list))
		}

		// Grants come from the wijkbudget, the bank or a funder, and no
		// source gives more than it holds.
		_, _, err := s.Grant(t.Context(), b.wijkID, b.initiativeID, store.CodeWorld, 1_000, grantDay, "Zomaar", "g-1", b.treasurer)
		wantInvalid(t, err, "from")
		_, _, err = s.Grant(t.Context(), b.wijkID, b.initiativeID, store.CodeWijkbudget, 100_001, grantDay, "Te veel", "g-2", b.treasurer)
		wantInvalid(t, err, "amount")
		_, _, err = s.Grant(t.Context(), b.wijkID, b.initiativeID, store.CodeWijkbudget, 0, time.Time{}, "", "", b.treasurer)
		wantInvalid(t, err, "amount", "on", "purpose", "idempotency_key")
		_, _, err = s.Grant(t.Context(), b.wijkID, "00000000-0000-7000-8000-000000000000", store.CodeWijkbudget, 1_000, grantDay, "Onbekend", "g-3", b.treasurer)
		wantInvalid(t, err, "initiative_id")
		if got := headSeq(t, s, b.wijkID); got != 1 {
			t.Errorf("head seq=%d, want 1: a refused grant was booked", got)
		}
		l := store.BudgetLine{WijkID: b.wijkID, InitiativeID: b.initiativeID, Name: "", AmountCents: 0}
		wantInvalid(t, s.AddBudgetLine(t.Context(), &l), "name", "amount")
	})
}

// TestClaimSubmitIdempotent: the same key submits a claim once.
func TestClaimSubmitIdempotent(t *testing.T) {
	t.Parallel()
	forEachDB(t, func(t *testing.T, s *store.Store) {
		b := newClaimBooks(t, s, "dubbel")
		first := b.claim(2_500, "form-123")
		if err := s.SubmitClaim(t.Context(), first, store.Receipt{Name: "bon.png", Data: pngReceipt}); err != nil {
			t.Fatal(err)
		}
		second := b.claim(2_500, "form-123")
		if err := s.SubmitClaim(t.Context(), second, store.Receipt{Name: "bon.png", Data: pngReceipt}); err != nil {
			t.Fatal(err)
		}
		if second.ID != first.ID {
			t.Errorf("second submit ID=%s, want the first %s", second.ID, first.ID)
		}
		wantCode(t, s.SubmitClaim(t.Context(), b.claim(9_999, "form-123"), store.Receipt{Name: "bon.png", Data: pngReceipt}), wei.ECONFLICT)
		if list, _ := s.Claims(t.Context(), b.wijkID, ""); len(list) != 1 {
			t.Errorf("%d claims, want 1", len(list))
		}
	})
}

// TestClaimApproveConcurrent: approvals racing for the same budget never
// spend it twice, and two approvals of one claim book it once.
func TestClaimApproveConcurrent(t *testing.T) {
	t.Parallel()
	forEachDB(t, func(t *testing.T, s *store.Store) {
		b := newClaimBooks(t, s, "race")
		if _, _, err := s.Grant(t.Context(), b.wijkID, b.initiativeID, store.CodeWijkbudget, 10_000, grantDay, "Budget", "grant-race", b.treasurer); err != nil {
			t.Fatal(err)
		}
		var ids []string
		for range 4 {
			c := b.claim(4_000, "")
			if err := s.SubmitClaim(t.Context(), c, store.Receipt{Data: pngReceipt}); err != nil {
				t.Fatal(err)
			}
			ids = append(ids, c.ID, c.ID) // each claim approved twice at once
		}
		errs := make([]error, len(ids))
		var wg sync.WaitGroup
		for i, id := range ids {
			wg.Add(1)
			go func() {
				defer wg.Done()
				_, errs[i] = s.ApproveClaim(t.Context(), id, b.treasurer, "")
			}()
		}
		wg.Wait()
		for i, err := range errs {
			if err != nil && wei.ErrorCode(err) != wei.EINVALID {
				t.Errorf("approval %d: %v", i, err)
			}
		}
		approved, err := s.Claims(t.Context(), b.wijkID, store.ClaimApproved)
		if err != nil {
			t.Fatal(err)
		}
		if len(approved) != 2 {
			t.Errorf("%d claims approved, want 2 (the budget holds €100, each claim is €40)", len(approved))
		}
		if got := balanceOf(t, s, b.acct["Initiatieven:Buurttuin:Budget"]); got != 2_000 {
			t.Errorf("budget balance=%d, want 2000", got)
		}
		if got := headSeq(t, s, b.wijkID); got != 4 {
			t.Errorf("head seq=%d, want 4 (funding, grant, two approvals)", got)
		}
		if broken, bad, err := s.VerifyLedger(t.Context(), b.wijkID); err != nil || broken != 0 || len(bad) != 0 {
			t.Fatalf("VerifyLedger=%d %v %v", broken, bad, err)
		}
	})
}

// approvedClaim grants the initiative €300 (once per key) and submits and
// approves a claim of amount.
func (b claimBooks) approvedClaim(t *testing.T, s *store.Store, amount int64, key string) store.Claim {
	t.Helper()
	if _, _, err := s.Grant(t.Context(), b.wijkID, b.initiativeID, store.CodeWijkbudget, 30_000, grantDay, "Wijkbudget voor de Buurttuin", "grant-"+key, b.treasurer); err != nil {
		t.Fatal(err)
	}
	c := b.claim(amount, key)
	if err := s.SubmitClaim(t.Context(), c, store.Receipt{Name: "bon.png", Data: pngReceipt}); err != nil {
		t.Fatal(err)
	}
	approved, err := s.ApproveClaim(t.Context(), c.ID, b.treasurer, "")
	if err != nil {
		t.Fatal(err)
	}
	return approved
}

// withBank registers the IBAN of rabobankCSV as the wijk's bank account.
func (b claimBooks) withBank(t *testing.T, s *store.Store) claimBooks {
	t.Helper()
	if err := s.AddBankAccount(t.Context(), b.wijkID, "NL44 RABO 0123 4567 89", b.acct[store.CodeBank].ID); err != nil {
		t.Fatal(err)
	}
	susp, err := s.AccountByCode(t.Context(), b.wijkID, store.CodeSuspense, ledger.EUR)
	if err != nil {
		t.Fatal(err)
	}
	b.acct[store.CodeSuspense] = susp
	return b
}

// pots is what the books say the bank account holds: the money pots of
// claims.go together.
func (b claimBooks) pots(t *testing.T, s *store.Store) int64 {
	return balanceOf(t, s, b.acct[store.CodeBank]) + balanceOf(t, s, b.acct[store.CodeWijkbudget]) + balanceOf(t, s, b.acct["Initiatieven:Buurttuin:Budget"])
}

func TestClaimReference(t *testing.T) {
	t.Parallel()
	ref := store.ClaimReference("0197a5c3-1b2e-7f00-8a1b-3c4d5e6f7a8b")
	if ref != "WEI-3C4D5E6F7A8B" {
		t.Fatalf("reference=%q", ref)
	}
}

// TestClaimPaidThenImported: a claim paid in WEI, then the bank statement
// with that payment: the line is linked to the payment, not booked again.
func TestClaimPaidThenImported(t *testing.T) {
	t.Parallel()
	forEachDB(t, func(t *testing.T, s *store.Store) {
		b := newClaimBooks(t, s, "betaald-dan-bank").withBank(t, s)
		c := b.approvedClaim(t, s, 4_550, "c1")
		paid, err := s.PayClaim(t.Context(), c.ID, b.treasurer, "")
		if err != nil {
			t.Fatal(err)
		}
		seq, pots := headSeq(t, s, b.wijkID), b.pots(t, s)
		data := rabobankCSV(
			rabobankLine{volgnr: "1", date: "2025-05-06", cents: 2_000, counterName: "Buurtbewoner", description: "Gift voor de tuin"},
			rabobankLine{volgnr: "2", date: "2025-05-07", cents: -4_550, counterIBAN: "NL91ABNA0417164300", counterName: "R de Vries",
				description: "Declaratie planten " + strings.ToLower(c.Reference())},
		)
		rep := mustImport(t, s, b.wijkID, data)
		if rep.Imported != 2 || rep.Matched != 1 || rep.Queued != 1 || rep.Lines[1].Outcome != store.LineMatched || rep.Lines[1].Reason != "claim: Planten voor de moestuin" {
			t.Fatalf("report=%+v", rep)
		}
		// One transaction: the gift. The payment was booked by PayClaim.
		if got := headSeq(t, s, b.wijkID); got != seq+1 {
			t.Errorf("%d transactions booked, want 1", got-seq)
		}
		// The books hold what the bank holds: +20,00 − 45,50 since the
		// approval, and 45,50 left the pots once.
		if got := b.pots(t, s); got != pots+2_000 {
			t.Errorf("pots=%d, want %d", got, pots+2_000)
		}
		if got := balanceOf(t, s, b.acct[store.CodePayable]); got != 0 {
			t.Errorf("Te betalen=%d, want 0", got)
		}
		if q, _ := s.QueuedBankLines(t.Context(), b.wijkID); len(q) != 1 || q[0].AmountCents != 2_000 {
			t.Errorf("queue=%+v, want the gift only", q)
		}
		if got, _ := s.Claim(t.Context(), c.ID); got.PaidTxID != paid.PaidTxID {
			t.Errorf("paid tx changed: %s, want %s", got.PaidTxID, paid.PaidTxID)
		}
		// The report shows the expense and the payment once.
		totals, err := s.AccountTotals(t.Context(), b.wijkID, time.Time{}, time.Time{})
		if err != nil {
			t.Fatal(err)
		}
		byCode := map[string]int64{}
		for _, at := range totals {
			byCode[at.Code] = at.Total
		}
		if byCode["Initiatieven:Buurttuin:Uitgaven"] != 4_550 || byCode[store.CodePayable] != 0 || byCode[store.CodeBank] != balanceOf(t, s, b.acct[store.CodeBank]) {
			t.Errorf("report totals=%v", byCode)
		}
		out := int64(0)
		txs, _ := s.LedgerTransactions(t.Context(), b.wijkID, time.Time{}, time.Time{})
		for _, tx := range txs {
			for _, p := range tx.Postings {
				if p.AccountID == b.acct[store.CodeBank].ID && p.Amount == -4_550 {
					out++
				}
			}
		}
		if out != 1 {
			t.Errorf("the bank pays 45,50 %d times in the books, want once", out)
		}
		// The same statement again: duplicates only.
		if again := mustImport(t, s, b.wijkID, data); again.Duplicates != 2 || again.Imported != 0 {
			t.Errorf("second import=%+v", again)
		}
		if broken, bad, err := s.VerifyLedger(t.Context(), b.wijkID); err != nil || broken != 0 || len(bad) != 0 {
			t.Fatalf("VerifyLedger=%d %v %v", broken, bad, err)
		}
	})
}

// TestClaimPaidByImport: the statement shows the payment of an approved
// claim before anyone booked it in WEI: the import books it and the claim
// is paid; booking it as paid afterwards changes nothing.
func TestClaimPaidByImport(t *testing.T) {
	t.Parallel()
	forEachDB(t, func(t *testing.T, s *store.Store) {
		b := newClaimBooks(t, s, "bank-betaalt").withBank(t, s)
		c := b.approvedClaim(t, s, 4_550, "c1")
		seq, pots := headSeq(t, s, b.wijkID), b.pots(t, s)
		rep := mustImport(t, s, b.wijkID, rabobankCSV(
			rabobankLine{volgnr: "7", date: "2025-05-08", cents: -4_550, counterIBAN: "NL39RABO0300065264", counterName: "R de Vries", endToEnd: c.Reference()},
		))
		if rep.Matched != 1 || rep.Queued != 0 {
			t.Fatalf("report=%+v", rep)
		}
		got, err := s.Claim(t.Context(), c.ID)
		if err != nil || got.Status != store.ClaimPaid || got.PaidTxID == "" {
			t.Fatalf("claim after import=%+v, %v", got, err)
		}
		tx, err := s.LedgerTransaction(t.Context(), got.PaidTxID)
		if err != nil || tx.Seq != seq+1 || !tx.On.Equal(time.Date(2025, 5, 8, 0, 0, 0, 0, time.UTC)) || tx.IdempotencyKey != "claim-pay-"+c.ID {
			t.Errorf("payment=%+v, %v", tx, err)
		}
		if b.pots(t, s) != pots-4_550 || balanceOf(t, s, b.acct[store.CodePayable]) != 0 {
			t.Errorf("pots=%d (want %d), Te betalen=%d", b.pots(t, s), pots-4_550, balanceOf(t, s, b.acct[store.CodePayable]))
		}
		// The treasurer presses "Book as paid" after all.
		again, err := s.PayClaim(t.Context(), c.ID, b.treasurer, "claim-pay-"+c.ID)
		if err != nil || again.PaidTxID != got.PaidTxID {
			t.Errorf("PayClaim after the import=%+v, %v", again, err)
		}
		if headSeq(t, s, b.wijkID) != seq+1 {
			t.Errorf("head=%d, want %d", headSeq(t, s, b.wijkID), seq+1)
		}
	})
}

// TestClaimImportedThenPaid: the payment's line was imported while the
// claim waited for approval; paying the claim clears the line from "Te
// matchen" instead of taking the money from the bank a second time.
func TestClaimImportedThenPaid(t *testing.T) {
	t.Parallel()
	forEachDB(t, func(t *testing.T, s *store.Store) {
		b := newClaimBooks(t, s, "bank-dan-betaald").withBank(t, s)
		if _, _, err := s.Grant(t.Context(), b.wijkID, b.initiativeID, store.CodeWijkbudget, 30_000, grantDay, "Wijkbudget", "grant", b.treasurer); err != nil {
			t.Fatal(err)
		}
		c := b.claim(4_550, "c1")
		if err := s.SubmitClaim(t.Context(), c, store.Receipt{Name: "bon.png", Data: pngReceipt}); err != nil {
			t.Fatal(err)
		}
		rep := mustImport(t, s, b.wijkID, rabobankCSV(
			rabobankLine{volgnr: "1", date: "2025-05-06", cents: 10_000, counterName: "Sponsor", description: "Gift"},
			// Without the reference: the payee's IBAN tells.
			rabobankLine{volgnr: "2", date: "2025-05-07", cents: -4_550, counterIBAN: "NL91ABNA0417164300", counterName: "R de Vries", description: "planten"},
		))
		if rep.Queued != 2 {
			t.Fatalf("report=%+v, want both lines queued (the claim is not approved yet)", rep)
		}
		pots := b.pots(t, s)
		if _, err := s.ApproveClaim(t.Context(), c.ID, b.treasurer, ""); err != nil {
			t.Fatal(err)
		}
		paid, err := s.PayClaim(t.Context(), c.ID, b.treasurer, "")
		if err != nil {
			t.Fatal(err)
		}
		tx, err := s.LedgerTransaction(t.Context(), paid.PaidTxID)
		if err != nil {
			t.Fatal(err)
		}
		if len(tx.Postings) != 2 || tx.Postings[1].AccountID != b.acct[store.CodeSuspense].ID || !tx.On.Equal(time.Date(2025, 5, 7, 0, 0, 0, 0, time.UTC)) {
			t.Errorf("payment=%+v, want it from Te matchen on the line's date", tx)
		}
		// The bank paid 45,50 once (at import); the approval only moved it
		// between pots.
		if got := b.pots(t, s); got != pots {
			t.Errorf("pots=%d, want %d", got, pots)
		}
		if got := balanceOf(t, s, b.acct[store.CodeSuspense]); got != -10_000 {
			t.Errorf("Te matchen=%d, want -10000 (the gift only)", got)
		}
		if q, _ := s.QueuedBankLines(t.Context(), b.wijkID); len(q) != 1 || q[0].AmountCents != 10_000 {
			t.Errorf("queue=%+v, want the gift only", q)
		}
		if broken, bad, err := s.VerifyLedger(t.Context(), b.wijkID); err != nil || broken != 0 || len(bad) != 0 {
			t.Fatalf("VerifyLedger=%d %v %v", broken, bad, err)
		}
	})
}

// TestClaimImportAmbiguous: two paid claims of the same amount to the same
// payee and a line without a reference: the import does not guess; a line
// with the reference of one of them links that one.
func TestClaimImportAmbiguous(t *testing.T) {
	t.Parallel()
	forEachDB(t, func(t *testing.T, s *store.Store) {
		b := newClaimBooks(t, s, "twee-gelijk").withBank(t, s)
		c1 := b.approvedClaim(t, s, 1_000, "c1")
		c2 := b.approvedClaim(t, s, 1_000, "c2")
		for _, c := range []store.Claim{c1, c2} {
			if _, err := s.PayClaim(t.Context(), c.ID, b.treasurer, ""); err != nil {
				t.Fatal(err)
			}
		}
		// Money for the queued line to come out of.
		if _, _, err := s.Post(t.Context(), transfer(b.wijkID, "storting", b.acct[store.CodeWijkbudget], b.acct[store.CodeBank], 5_000)); err != nil {
			t.Fatal(err)
		}
		seq := headSeq(t, s, b.wijkID)
		rep := mustImport(t, s, b.wijkID, rabobankCSV(
			rabobankLine{volgnr: "1", date: "2025-05-06", cents: -1_000, counterIBAN: "NL91ABNA0417164300", description: "declaratie"},
			rabobankLine{volgnr: "2", date: "2025-05-06", cents: -1_000, counterIBAN: "NL91ABNA0417164300", description: "Betaling " + c2.Reference()},
			rabobankLine{volgnr: "3", date: "2025-05-06", cents: -999, counterIBAN: "NL91ABNA0417164300", description: "Betaling " + c1.Reference()},
		))
		if rep.Matched != 1 || rep.Queued != 2 || rep.Lines[1].Outcome != store.LineMatched {
			t.Fatalf("report=%+v, want only the line with c2's reference and amount linked", rep)
		}
		if got := headSeq(t, s, b.wijkID); got != seq+2 {
			t.Errorf("%d transactions, want 2 (the queued lines)", got-seq)
		}
	})
}
