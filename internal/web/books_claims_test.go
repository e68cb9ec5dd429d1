package web

import (
	"bytes"
	"context"
	"mime/multipart"
	"net/http"
	"net/http/httptest"
	"net/textproto"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/wei-platform/wei/internal/store"
	"github.com/wei-platform/wei/ledger"
)

var claimTestPNG = append([]byte("\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR"), bytes.Repeat([]byte{1}, 200)...)

// claimUpload posts a multipart form with a receipt file as who. claimedType is
// the content type the browser says the file has.
func (f *fixture) claimUpload(target, who string, form url.Values, fileName, claimedType string, file []byte) *httptest.ResponseRecorder {
	f.t.Helper()
	var body bytes.Buffer
	mw := multipart.NewWriter(&body)
	if form.Get("csrf_token") == "" {
		form.Set("csrf_token", f.csrf[who])
	}
	for k, vs := range form {
		for _, v := range vs {
			if err := mw.WriteField(k, v); err != nil {
				f.t.Fatal(err)
			}
		}
	}
	if file != nil {
		h := textproto.MIMEHeader{}
		h.Set("Content-Disposition", `form-data; name="receipt"; filename="`+fileName+`"`)
		h.Set("Content-Type", claimedType)
		pw, err := mw.CreatePart(h)
		if err != nil {
			f.t.Fatal(err)
		}
		pw.Write(file)
	}
	if err := mw.Close(); err != nil {
		f.t.Fatal(err)
	}
	req := httptest.NewRequest(http.MethodPost, target, &body)
	req.Header.Set("Content-Type", mw.FormDataContentType())
	req.AddCookie(&http.Cookie{Name: sessionCookie, Value: f.sessions[who]})
	rec := httptest.NewRecorder()
	f.h.ServeHTTP(rec, req)
	return rec
}

func claimValues(initiativeID string) url.Values {
	return url.Values{"initiative_id": {initiativeID}, "purpose": {"Planten voor de moestuin"}, "category": {"materiaal"},
		"amount": {"45,50"}, "spent_on": {"2025-05-03"}, "payee_name": {"Ria de Vries"}, "payee_iban": {"NL91 ABNA 0417 1643 00"}, "key": {"k-" + time.Now().String()}}
}

func expectPage(t *testing.T, rec *httptest.ResponseRecorder, status int, contains ...string) {
	t.Helper()
	if rec.Code != status {
		t.Fatalf("status=%d, want %d; body:\n%s", rec.Code, status, rec.Body.String())
	}
	body := rec.Body.String()
	for _, c := range contains {
		if !strings.Contains(body, c) {
			t.Errorf("body lacks %q", c)
		}
	}
}

// TestClaimsFlow: a treasurer grants budget, an initiatiefnemer submits a
// claim with a receipt, the treasurer cannot approve their own claim but
// approves the other one and pays it; the receipt is private.
func TestClaimsFlow(t *testing.T) {
	f := newFixture(t)
	ctx := context.Background()
	s := f.store
	if err := s.EnsureChart(ctx, f.wijk.ID); err != nil {
		t.Fatal(err)
	}
	acct := func(code string) ledger.Account {
		a, err := s.AccountByCode(ctx, f.wijk.ID, code, ledger.EUR)
		if err != nil {
			t.Fatal(err)
		}
		return a
	}
	wijkbudget, funder := acct(store.CodeWijkbudget), acct("Financiers:Woonstichting")
	if _, _, err := s.Post(ctx, ledger.Transaction{WijkID: f.wijk.ID, On: time.Date(2025, 1, 2, 0, 0, 0, 0, time.UTC), Description: "Wijkbudget 2025", IdempotencyKey: "wb",
		Postings: []ledger.Posting{{AccountID: wijkbudget.ID, Asset: ledger.EUR, Amount: 100_000}, {AccountID: funder.ID, Asset: ledger.EUR, Amount: -100_000}}}); err != nil {
		t.Fatal(err)
	}
	budgetURL := "/w/test-wijk/initiatieven/" + f.org.ID + "/budget"

	// The treasurer grants €300 from the wijkbudget.
	grant := url.Values{"key": {"grant-form-1"}, "from": {store.CodeWijkbudget}, "amount": {"300"}, "on": {"2025-05-01"}, "purpose": {"Wijkbudget 2025 voor de Buurttuin"}}
	expectPage(t, f.do("POST", budgetURL+"/toekenningen", "penningmeester", grant), http.StatusSeeOther)
	expectPage(t, f.do("POST", budgetURL+"/toekenningen", "penningmeester", grant), http.StatusSeeOther) // a repeat books nothing
	if b, _ := s.Balance(ctx, acct("Initiatieven:Buurttuin:Budget").ID); b != 30_000 {
		t.Fatalf("budget balance=%d, want 30000", b)
	}
	expectPage(t, f.do("POST", budgetURL+"/toekenningen", "penningmeester", url.Values{"from": {store.CodeWijkbudget}, "amount": {"2000,00"}, "on": {"2025-05-01"}, "purpose": {"Te veel"}}),
		http.StatusBadRequest, "Daar staat te weinig geld op", `href="#grant-amount"`)
	expectPage(t, f.do("POST", budgetURL+"/toekenningen", "initiatiefnemer", grant), http.StatusForbidden)

	// The initiatiefnemer adds a budget line.
	expectPage(t, f.do("POST", budgetURL+"/regels", "initiatiefnemer", url.Values{"name": {"Zaden en planten"}, "amount": {"150"}}), http.StatusSeeOther)
	expectPage(t, f.do("POST", budgetURL+"/regels", "initiatiefnemer", url.Values{"name": {"Gereedschap"}, "amount": {"12,345"}}), http.StatusBadRequest, "hoogstens 2 cijfers", `href="#line-amount"`)
	lines, err := s.BudgetLines(ctx, f.org.ID)
	if err != nil || len(lines) != 1 {
		t.Fatalf("BudgetLines=%v %v", lines, err)
	}

	// The form offers the initiatiefnemer their initiative; a bewoner none.
	expectPage(t, f.do("GET", "/w/test-wijk/declaraties/nieuw", "initiatiefnemer", nil), http.StatusOK, `enctype="multipart/form-data"`, f.org.ID, "Zaden en planten", `type="file"`, "Hoogstens 5 MB")
	expectPage(t, f.do("GET", "/w/test-wijk/declaraties/nieuw", "bewoner", nil), http.StatusOK, "Je kunt geen declaraties indienen")

	// Refused submissions: too many decimals, a file that is no receipt,
	// and an initiative the user may not claim for.
	bad := claimValues(f.org.ID)
	bad.Set("amount", "45,505")
	expectPage(t, f.claimUpload("/w/test-wijk/declaraties", "initiatiefnemer", bad, "bon.png", "image/png", claimTestPNG), http.StatusBadRequest,
		"hoogstens 2 cijfers achter de komma", `href="#f-amount"`, "Kies het bestand van de bon opnieuw")
	expectPage(t, f.claimUpload("/w/test-wijk/declaraties", "initiatiefnemer", claimValues(f.org.ID), "bon.pdf", "application/pdf", []byte("<html>geen bon</html>")), http.StatusBadRequest,
		"Dit soort bestand kan niet", `href="#f-receipt"`)
	expectPage(t, f.claimUpload("/w/test-wijk/declaraties", "bewoner", claimValues(f.org.ID), "bon.png", "image/png", claimTestPNG), http.StatusForbidden)
	huge := append(append([]byte{}, claimTestPNG...), make([]byte, claimMaxBody)...)
	expectPage(t, f.claimUpload("/w/test-wijk/declaraties", "initiatiefnemer", claimValues(f.org.ID), "bon.png", "image/png", huge), http.StatusRequestEntityTooLarge)
	if list, _ := s.Claims(ctx, f.wijk.ID, ""); len(list) != 0 {
		t.Fatalf("%d claims stored after refusals", len(list))
	}

	// The initiatiefnemer submits a claim with a receipt. The browser says
	// PDF; the content says PNG, and that counts.
	form := claimValues(f.org.ID)
	form.Set("budget_line_id", lines[0].ID)
	rec := f.claimUpload("/w/test-wijk/declaraties", "initiatiefnemer", form, "bon.pdf", "application/pdf", claimTestPNG)
	expectPage(t, rec, http.StatusSeeOther)
	claimURL := rec.Header().Get("Location")
	if !strings.HasPrefix(claimURL, "/w/test-wijk/declaraties/") {
		t.Fatalf("Location=%q", claimURL)
	}
	id := strings.TrimPrefix(claimURL, "/w/test-wijk/declaraties/")
	c, err := s.Claim(ctx, id)
	if err != nil || c.ReceiptType != "image/png" || c.AmountCents != 4_550 || c.ClaimantUserID != f.users["initiatiefnemer"].ID || c.BudgetLineID != lines[0].ID {
		t.Fatalf("claim=%+v err=%v", c, err)
	}
	// The same form sent twice makes one claim.
	expectPage(t, f.claimUpload("/w/test-wijk/declaraties", "initiatiefnemer", form, "bon.pdf", "application/pdf", claimTestPNG), http.StatusSeeOther)
	if list, _ := s.Claims(ctx, f.wijk.ID, ""); len(list) != 1 {
		t.Fatalf("%d claims after a repeated submit, want 1", len(list))
	}

	// Who sees what.
	expectPage(t, f.do("GET", claimURL, "initiatiefnemer", nil), http.StatusOK, "Planten voor de moestuin", "NL91ABNA0417164300", claimURL+"/bon")
	expectPage(t, f.do("GET", claimURL, "bewoner", nil), http.StatusForbidden)
	expectPage(t, f.do("GET", claimURL+"/bon", "bewoner", nil), http.StatusForbidden)
	expectPage(t, f.do("GET", claimURL+"/bon", "partner", nil), http.StatusForbidden)
	if body := f.do("GET", "/w/test-wijk/declaraties", "bewoner", nil).Body.String(); strings.Contains(body, "Planten voor de moestuin") {
		t.Error("a bewoner's list shows someone else's claim")
	}
	expectPage(t, f.do("GET", "/w/test-wijk/declaraties", "voorzitter", nil), http.StatusOK, "Planten voor de moestuin", "€ 45,50")
	dl := f.do("GET", claimURL+"/bon", "initiatiefnemer", nil)
	expectPage(t, dl, http.StatusOK)
	if h := dl.Header(); h.Get("Content-Type") != "image/png" || h.Get("X-Content-Type-Options") != "nosniff" || !strings.HasPrefix(h.Get("Content-Disposition"), "attachment") ||
		!bytes.Equal(dl.Body.Bytes(), claimTestPNG) {
		t.Errorf("download headers=%v, %d bytes", h, dl.Body.Len())
	}
	expectPage(t, f.do("GET", claimURL+"/bon", "penningmeester", nil), http.StatusOK)

	// Four eyes: the treasurer submits a claim of their own and cannot
	// approve it.
	own := claimValues(f.org.ID)
	own.Set("purpose", "Koffie voor de vergadering")
	rec = f.claimUpload("/w/test-wijk/declaraties", "penningmeester", own, "bon.png", "image/png", claimTestPNG)
	expectPage(t, rec, http.StatusSeeOther)
	ownURL := rec.Header().Get("Location")
	expectPage(t, f.do("GET", ownURL, "penningmeester", nil), http.StatusOK, "Dit is je eigen declaratie")
	expectPage(t, f.do("POST", ownURL+"/goedkeuren", "penningmeester", nil), http.StatusForbidden, "Dit is je eigen declaratie", `role="alert"`)
	ownID := strings.TrimPrefix(ownURL, "/w/test-wijk/declaraties/")
	if c, _ := s.Claim(ctx, ownID); c.Status != store.ClaimSubmitted {
		t.Errorf("own claim status=%s after the refused approval", c.Status)
	}
	// Rejecting needs a reason.
	expectPage(t, f.do("POST", ownURL+"/afwijzen", "voorzitter", url.Values{"reason": {""}}), http.StatusBadRequest, "Schrijf op waarom")
	expectPage(t, f.do("POST", ownURL+"/afwijzen", "voorzitter", url.Values{"reason": {"Koffie betaalt de wijkvereniging."}}), http.StatusSeeOther)

	// The treasurer approves the initiatiefnemer's claim and pays it.
	expectPage(t, f.do("POST", claimURL+"/betalen", "penningmeester", nil), http.StatusConflict, "de declaratie is al verder")
	expectPage(t, f.do("GET", claimURL, "penningmeester", nil), http.StatusOK, "Goedkeuren", "€ 300,00")
	expectPage(t, f.do("POST", claimURL+"/goedkeuren", "initiatiefnemer", nil), http.StatusForbidden)
	expectPage(t, f.do("POST", claimURL+"/goedkeuren", "penningmeester", nil), http.StatusSeeOther)
	expectPage(t, f.do("GET", claimURL, "penningmeester", nil), http.StatusOK, "Goedgekeurd, nog niet betaald", "Boek als betaald")
	expectPage(t, f.do("POST", claimURL+"/betalen", "voorzitter", nil), http.StatusForbidden)
	expectPage(t, f.do("POST", claimURL+"/betalen", "penningmeester", nil), http.StatusSeeOther)
	expectPage(t, f.do("GET", claimURL, "initiatiefnemer", nil), http.StatusOK, "Betaald")
	if c, _ := s.Claim(ctx, id); c.Status != store.ClaimPaid {
		t.Fatalf("status=%s, want paid", c.Status)
	}
	for code, want := range map[string]int64{"Initiatieven:Buurttuin:Budget": 25_450, "Initiatieven:Buurttuin:Uitgaven": 4_550, store.CodePayable: 0, store.CodeBank: 0, store.CodeWijkbudget: 70_000} {
		if b, _ := s.Balance(ctx, acct(code).ID); b != want {
			t.Errorf("%s balance=%d, want %d", code, b, want)
		}
	}

	// The budget page is public and shows the line against what was spent.
	expectPage(t, f.do("GET", budgetURL, "", nil), http.StatusOK, "Zaden en planten", "€ 150,00", "€ 45,50", "€ 104,50", "€ 254,50")
	if body := f.do("GET", budgetURL, "", nil).Body.String(); strings.Contains(body, "Ria de Vries") || strings.Contains(body, "NL91") {
		t.Error("the public budget page shows private data")
	}
}

func TestParseEuro(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		in    string
		cents int64
		key   string
	}{
		{"12,50", 1250, ""},
		{"12,5", 1250, ""},
		{"12", 1200, ""},
		{"€ 12,50", 1250, ""},
		{"12.50", 1250, ""},
		{"1.234,56", 123456, ""},
		{"1.234", 123400, ""},
		{"1.234.567,8", 123456780, ""},
		{",99", 99, ""},
		{"0", 0, ""},
		{"12,505", 0, "claims.error.amount_decimals"},
		{"12.505,1", 1250510, ""},
		{"0.125", 12500, ""}, // a point before three digits separates thousands
		{"1.23.4", 0, "claims.error.amount_format"},
		{"-5", 0, "claims.error.amount_format"},
		{"12,50 euro", 0, "claims.error.amount_format"},
		{"abc", 0, "claims.error.amount_format"},
		{"1e3", 0, "claims.error.amount_format"},
		{"9999999999", 0, "claims.error.amount_format"},
		{"", 0, "error.required"},
	} {
		cents, key := parseEuro(tc.in)
		if cents != tc.cents || key != tc.key {
			t.Errorf("parseEuro(%q)=%d, %q; want %d, %q", tc.in, cents, key, tc.cents, tc.key)
		}
	}
}
