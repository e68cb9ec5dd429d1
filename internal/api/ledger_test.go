package api

import (
	"bytes"
	"context"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"os"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/wei-platform/wei/internal/store"
	"github.com/wei-platform/wei/ledger"
)

// bookStep is one request of a scenario on the books: like step, with the
// Idempotency-Key header and raw file bodies.
type bookStep struct {
	name               string
	method, url, actor string
	key                string // Idempotency-Key header, if not ""
	body               string // JSON
	file               string // or the body is this file, sent as contentType
	contentType        string
	wantStatus         int
	wantContains       []string
	wantAbsent         []string
	wantReplay         bool              // Idempotent-Replay: true
	save               map[string]string // {var} -> dotted path in the JSON answer ("head.hash", "items.0.id")
}

// send sends a request as actor with an Idempotency-Key (unless key is "")
// and a body of the content type (JSON unless contentType says otherwise).
func (f *fixture) send(t testing.TB, method, url, actor, key, contentType string, body []byte) *httptest.ResponseRecorder {
	t.Helper()
	req := httptest.NewRequest(method, url, bytes.NewReader(body))
	if actor != anon {
		req.Header.Set("Authorization", "Bearer "+f.tokens[actor])
	}
	if key != "" {
		req.Header.Set(idempotencyHeader, key)
	}
	if contentType == "" {
		contentType = "application/json"
	}
	req.Header.Set("Content-Type", contentType)
	rec := httptest.NewRecorder()
	f.h.ServeHTTP(rec, req)
	return rec
}

// runBookSteps sends the steps in order, stops at the first wrong status,
// and checks every answer against openapi.json.
func (f *fixture) runBookSteps(t *testing.T, steps []bookStep) {
	t.Helper()
	raw, _ := loadOpenAPI(t)
	routed := New(f.s, nil).(*api)
	for i, s := range steps {
		var body []byte
		if s.file != "" {
			b, err := os.ReadFile(s.file)
			if err != nil {
				t.Fatal(err)
			}
			body = b
		} else {
			body = []byte(f.expand(s.body))
		}
		url := f.expand(s.url)
		rec := f.send(t, s.method, url, s.actor, f.expand(s.key), s.contentType, body)
		got := rec.Body.String()
		if rec.Code != s.wantStatus {
			t.Fatalf("step %d (%s), %s %s as %q: status=%d, want %d; body %s", i+1, s.name, s.method, s.url, s.actor, rec.Code, s.wantStatus, truncate(got))
		}
		checkErrorBody(t, rec)
		for _, want := range s.wantContains {
			if want = f.expand(want); !strings.Contains(got, want) {
				t.Errorf("step %d (%s): body does not contain %s; body %s", i+1, s.name, want, truncate(got))
			}
		}
		for _, absent := range s.wantAbsent {
			if absent = f.expand(absent); strings.Contains(got, absent) {
				t.Errorf("step %d (%s): body contains %s, want it absent", i+1, s.name, absent)
			}
		}
		if replay := rec.Header().Get(replayHeader) == "true"; replay != s.wantReplay {
			t.Errorf("step %d (%s): %s=%q, want replay %v", i+1, s.name, replayHeader, rec.Header().Get(replayHeader), s.wantReplay)
		}
		_, pattern := routed.mux.Handler(httptest.NewRequest(s.method, url, nil))
		_, path, _ := strings.Cut(pattern, " ")
		checkResponseSchema(t, raw, s.method, strings.TrimPrefix(path, Prefix), rec)
		if len(s.save) > 0 {
			dec := json.NewDecoder(strings.NewReader(got))
			dec.UseNumber()
			var v any
			if err := dec.Decode(&v); err != nil {
				t.Fatalf("step %d (%s): %v", i+1, s.name, err)
			}
			for name, at := range s.save {
				val, ok := jsonAt(v, at)
				if !ok {
					t.Fatalf("step %d (%s): no %s to save as {%s} in %s", i+1, s.name, at, name, truncate(got))
				}
				f.vars[name] = val
			}
		}
	}
}

// jsonAt returns the value at a dotted path ("items.0.id") as text.
func jsonAt(v any, at string) (string, bool) {
	for _, part := range strings.Split(at, ".") {
		switch x := v.(type) {
		case map[string]any:
			v = x[part]
		case []any:
			i, err := strconv.Atoi(part)
			if err != nil || i >= len(x) {
				return "", false
			}
			v = x[i]
		default:
			return "", false
		}
	}
	switch x := v.(type) {
	case string:
		return x, true
	case json.Number:
		return x.String(), true
	}
	return "", false
}

// booksWithBank gives noord its standard chart and registers the IBAN of
// bank/testdata/camt053_v02.xml on its Bank account.
func (f *fixture) booksWithBank(t testing.TB) ledger.Account {
	t.Helper()
	ctx := context.Background()
	if err := f.s.EnsureChart(ctx, f.noord.ID); err != nil {
		t.Fatal(err)
	}
	b, err := f.s.AccountByCode(ctx, f.noord.ID, store.CodeBank, ledger.EUR)
	if err != nil {
		t.Fatal(err)
	}
	if err := f.s.AddBankAccount(ctx, f.noord.ID, "NL44RABO0123456789", b.ID); err != nil {
		t.Fatal(err)
	}
	return b
}

func posting(account string, amount int) string {
	return `{"account":"` + account + `","asset":"EUR","amount":` + strconv.Itoa(amount) + `}`
}

func txBody(desc string, postings ...string) string {
	return `{"on":"{today}","description":"` + desc + `","category":"subsidie","postings":[` + strings.Join(postings, ",") + `]}`
}

// TestBooks walks the books through the API: bookings with idempotency
// keys, limits, the public view, a bank import, matching and a reversal.
func TestBooks(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	ctx := context.Background()
	resident := f.addResident(t, "bewoner")
	f.vars["bank"] = f.booksWithBank(t).ID
	// The time bank: two residents' time accounts, which the public view
	// never shows.
	if _, err := f.s.PayTime(ctx, f.noord.ID, f.person.ID, resident.ID, 90, time.Now(), "Hulp bij de verhuizing", "tijd-1", f.actors["penningmeester"].User.ID); err != nil {
		t.Fatal(err)
	}
	f.vars["resident"] = resident.ID

	const (
		w         = "/api/v1/wijken/noord"
		camt      = "../../bank/testdata/camt053_v02.xml"
		truncated = "../../bank/testdata/camt053_truncated.xml"
	)
	fund := txBody("Subsidie wijkfeest", posting("Financiers:Woonstichting", -100000), posting("Bank", 100000))
	private := []string{"{person}", "{resident}", "Fatima", "Resident bewoner", "Tijdbank", "tijdbank", "NL44RABO", "NL36INGB", "Gemeente Voorbeeldstad", "J. de Vries", "Bakkerij"}
	f.runBookSteps(t, []bookStep{
		{name: "public view with only time bookings", method: "GET", url: w + "/ledger", actor: anon, wantStatus: 200,
			wantContains: []string{`"head":{"seq":1,"hash":"`, `"verified":true`, `"in":{"amount":0,"amount_text":"0.00"}`}, wantAbsent: private},
		{name: "book a subsidy", method: "POST", url: w + "/ledger/transactions", actor: "penningmeester", key: "k-fund", body: fund, wantStatus: 201,
			wantContains: []string{`"seq":2`, `"on":"{today}"`, `"account_code":"Bank","asset":"EUR","amount":100000,"amount_text":"1000.00"`, `"prev_hash":"`},
			save:         map[string]string{"tx1": "id", "h1": "hash"}},
		{name: "the same key again", method: "POST", url: w + "/ledger/transactions", actor: "penningmeester", key: "k-fund", body: fund, wantStatus: 200,
			wantContains: []string{`"id":"{tx1}"`, `"seq":2`, `"hash":"{h1}"`}, wantReplay: true},
		{name: "the same key with other amounts", method: "POST", url: w + "/ledger/transactions", actor: "penningmeester", key: "k-fund",
			body:       txBody("Subsidie wijkfeest", posting("Financiers:Woonstichting", -200000), posting("Bank", 200000)),
			wantStatus: 409, wantContains: []string{`"code":"conflict"`, `"idempotency_key":"error.key_reused"`}},
		{name: "unbalanced", method: "POST", url: w + "/ledger/transactions", actor: "penningmeester", key: "k-unbalanced",
			body: txBody("Scheef", posting("Buiten de wijk", -50), posting("Bank", 100)), wantStatus: 400, wantContains: []string{`"postings":"error.postings_unbalanced"`}},
		{name: "overdraft of the bank", method: "POST", url: w + "/ledger/transactions", actor: "penningmeester", key: "k-overdraft",
			body: txBody("Te veel", posting("Bank", -500000), posting("Buiten de wijk", 500000)), wantStatus: 400, wantContains: []string{`"postings":"error.insufficient_balance"`}},
		{name: "unknown account", method: "POST", url: w + "/ledger/transactions", actor: "penningmeester", key: "k-unknown",
			body: txBody("Nergens heen", posting("Bank", -100), posting("Nergens", 100)), wantStatus: 400, wantContains: []string{`"postings":"error.account_unknown"`, "Posting 2"}},
		{name: "missing Idempotency-Key", method: "POST", url: w + "/ledger/transactions", actor: "penningmeester", body: fund, wantStatus: 400,
			wantContains: []string{`"idempotency_key":"error.required"`}},
		{name: "a bewoner posting", method: "POST", url: w + "/ledger/transactions", actor: "bewoner", key: "k-bewoner", body: fund, wantStatus: 403},
		{name: "account by ID", method: "POST", url: w + "/ledger/transactions", actor: "penningmeester", key: "k-spend",
			body: txBody("Verf voor de moestuin", posting("{bank}", -2500), posting("Initiatieven:Moestuin Noord:Uitgaven", 2500)), wantStatus: 201,
			wantContains: []string{`"seq":3`, `"prev_hash":"{h1}"`, `"account_id":"{bank}","account_code":"Bank"`, `"account_code":"Initiatieven:Moestuin Noord:Uitgaven"`},
			save:         map[string]string{"tx2": "id", "h2": "hash"}},
		{name: "public view", method: "GET", url: w + "/ledger", actor: anon, wantStatus: 200,
			wantContains: []string{`"head":{"seq":3,"hash":"{h2}"}`, `"verified":true`, `"name":"Woonstichting","in":{"amount":100000,"amount_text":"1000.00"}`,
				`"name":"Moestuin Noord"`, `"spent":{"amount":2500,"amount_text":"25.00"}`, `"category":"subsidie"`},
			wantAbsent: private},

		// Bank statements.
		{name: "import a CAMT.053 file", method: "POST", url: w + "/bank/import?name=camt053_v02.xml", actor: "penningmeester", file: camt, contentType: "text/xml", wantStatus: 200,
			wantContains: []string{`"format":"camt053"`, `"lines":4,"imported":4,"matched":0,"queued":4,"duplicates":0,"rejected":0`,
				`{"line_no":1,"date":"2024-03-01","amount":50000,"amount_text":"500.00","outcome":"queued"`}},
		{name: "the same file again", method: "POST", url: w + "/bank/import?name=camt053_v02.xml", actor: "penningmeester", file: camt, contentType: "application/octet-stream", wantStatus: 200,
			wantContains: []string{`"imported":0`, `"duplicates":4`, `"outcome":"duplicate"`}},
		{name: "the head after the import", method: "GET", url: w + "/ledger", actor: anon, wantStatus: 200,
			wantContains: []string{`"head":{"seq":7,`}, save: map[string]string{"h3": "head.hash"}},
		{name: "a truncated file", method: "POST", url: w + "/bank/import?name=camt053_truncated.xml", actor: "penningmeester", file: truncated, contentType: "text/xml", wantStatus: 422,
			wantContains: []string{`"code":"import_rejected"`, `"rejected":true`, `"request_id":"`, `"imported":0`}},
		{name: "nothing booked", method: "GET", url: w + "/ledger?from=2024-01-01", actor: anon, wantStatus: 200,
			wantContains: []string{`"head":{"seq":7,"hash":"{h3}"}`, `"verified":true`}, wantAbsent: private},
		{name: "a JSON body is no bank file", method: "POST", url: w + "/bank/import", actor: "penningmeester", body: `{}`, wantStatus: 415,
			wantContains: []string{`"code":"unsupported_media_type"`}},
		{name: "an empty file", method: "POST", url: w + "/bank/import", actor: "penningmeester", contentType: "text/csv", wantStatus: 400},
		{name: "a bewoner importing", method: "POST", url: w + "/bank/import", actor: "bewoner", file: camt, contentType: "text/xml", wantStatus: 403},
		{name: "the queue", method: "GET", url: w + "/bank/queue", actor: "penningmeester", wantStatus: 200,
			wantContains: []string{`"counter_iban":"NL36INGB0007654321"`, `"amount":-4550,"amount_text":"-45.50"`, `"status":"queued"`},
			save:         map[string]string{"line": "items.0.id", "line2": "items.1.id"}},
		{name: "the queue as voorzitter", method: "GET", url: w + "/bank/queue", actor: "voorzitter", wantStatus: 403},
		{name: "match a line", method: "POST", url: w + "/bank/queue/{line}/match", actor: "penningmeester",
			body: `{"account":"Buiten de wijk","category":"subsidie","purpose":"Subsidie buurtmoestuin"}`, wantStatus: 201,
			wantContains: []string{`"seq":8`, `"description":"Subsidie buurtmoestuin"`, `"account_code":"Te matchen"`}, wantAbsent: private},
		{name: "match it again", method: "POST", url: w + "/bank/queue/{line}/match", actor: "penningmeester",
			body: `{"account":"Buiten de wijk","purpose":"Nog eens"}`, wantStatus: 409},
		{name: "match a line to the bank", method: "POST", url: w + "/bank/queue/{line2}/match", actor: "penningmeester",
			body: `{"account":"Bank","purpose":"Rondje"}`, wantStatus: 400, wantContains: []string{`"account":"error.choice"`}},
		{name: "match without a purpose", method: "POST", url: w + "/bank/queue/{line2}/match", actor: "penningmeester",
			body: `{"account":"Buiten de wijk"}`, wantStatus: 400, wantContains: []string{`"purpose":"error.required"`}},
		{name: "match an unknown line", method: "POST", url: w + "/bank/queue/nope/match", actor: "penningmeester",
			body: `{"account":"Buiten de wijk","purpose":"X"}`, wantStatus: 404},
		{name: "the queue after matching", method: "GET", url: w + "/bank/queue", actor: "penningmeester", wantStatus: 200,
			wantContains: []string{`"id":"{line2}"`}, wantAbsent: []string{`"id":"{line}"`}},

		// Corrections.
		{name: "reverse a transaction", method: "POST", url: w + "/ledger/transactions/{tx2}/reverse", actor: "penningmeester", key: "k-reverse", wantStatus: 201,
			wantContains: []string{`"seq":9`, `"reverses_id":"{tx2}"`, `"description":"Correctie: Verf voor de moestuin"`, `"account_code":"Bank","asset":"EUR","amount":2500`},
			save:         map[string]string{"rev": "id"}},
		{name: "reverse again with the same key", method: "POST", url: w + "/ledger/transactions/{tx2}/reverse", actor: "penningmeester", key: "k-reverse", body: `{"on":"{today}"}`,
			wantStatus: 200, wantContains: []string{`"id":"{rev}"`, `"seq":9`}, wantReplay: true},
		{name: "reverse with a key used for other content", method: "POST", url: w + "/ledger/transactions/{tx2}/reverse", actor: "penningmeester", key: "k-fund", wantStatus: 409},
		{name: "reverse without a key", method: "POST", url: w + "/ledger/transactions/{tx2}/reverse", actor: "penningmeester", wantStatus: 400,
			wantContains: []string{`"idempotency_key":"error.required"`}},
		{name: "reverse an unknown transaction", method: "POST", url: w + "/ledger/transactions/nope/reverse", actor: "penningmeester", key: "k-nope", wantStatus: 404},
		{name: "reverse on a bad date", method: "POST", url: w + "/ledger/transactions/{tx2}/reverse", actor: "penningmeester", key: "k-date", body: `{"on":"gisteren"}`,
			wantStatus: 400, wantContains: []string{`"on":"error.date"`}},
		{name: "reverse as voorzitter", method: "POST", url: w + "/ledger/transactions/{tx2}/reverse", actor: "voorzitter", key: "k-v", wantStatus: 403},

		// Reading the books.
		{name: "transactions", method: "GET", url: w + "/ledger/transactions?from=2024-01-01", actor: "voorzitter", wantStatus: 200,
			wantContains: []string{`"id":"{tx1}"`, `"reverses_id":"{tx2}"`, `"description":"Bankmutatie, nog te matchen"`, `"asset":"MIN","amount":90,"amount_text":"90"`}},
		{name: "transactions of 2024", method: "GET", url: w + "/ledger/transactions?from=2024-01-01&to=2024-12-31", actor: "procesmanager", wantStatus: 200,
			wantContains: []string{`"on":"2024-03-01"`}, wantAbsent: []string{`"id":"{tx1}"`}},
		{name: "transactions as bewoner", method: "GET", url: w + "/ledger/transactions", actor: "bewoner", wantStatus: 403},
		{name: "accounts", method: "GET", url: w + "/ledger/accounts", actor: "penningmeester", wantStatus: 200,
			wantContains: []string{`"code":"Bank"`, `"balance":{"amount":133450,"amount_text":"1334.50"}`, `"code":"Tijdbank:`}},
		{name: "accounts anonymously", method: "GET", url: w + "/ledger/accounts", actor: anon, wantStatus: 401},
		{name: "public view at the end", method: "GET", url: w + "/ledger?from=2024-01-01", actor: anon, wantStatus: 200,
			wantContains: []string{`"head":{"seq":9,`, `"verified":true`, `"period":{"from":"2024-01-01",`}, wantAbsent: private},
	})
	if broken, bad, err := f.s.VerifyLedger(ctx, f.noord.ID); err != nil || broken != 0 || len(bad) != 0 {
		t.Errorf("VerifyLedger=%d, %v, %v; want an intact chain", broken, bad, err)
	}
}

// TestBooksConcurrentPosts sends 32 transfers at once through the handler,
// each with its own key, from a wijkbudget that covers only 20 of them,
// and then each again: every 201 is booked exactly once, the replays
// answer the same booking, nothing overdraws, and the chain holds.
func TestBooksConcurrentPosts(t *testing.T) {
	t.Parallel()
	const (
		clients = 32
		funded  = 20
		amount  = 1000
		w       = "/api/v1/wijken/noord"
	)
	f := newFixture(t)
	f.booksWithBank(t)
	fund := txBody("Wijkbudget", posting("Financiers:Woonstichting", -funded*amount), posting("Wijkbudget", funded*amount))
	if rec := f.send(t, "POST", w+"/ledger/transactions", "penningmeester", "fund", "", []byte(f.expand(fund))); rec.Code != 201 {
		t.Fatalf("funding: status=%d; body %s", rec.Code, rec.Body.String())
	}
	transfer := []byte(f.expand(txBody("Toekenning", posting("Wijkbudget", -amount), posting("Initiatieven:Moestuin Noord:Budget", amount))))

	type answer struct {
		status int
		id     string
		replay bool
	}
	round := func() []answer {
		out := make([]answer, clients)
		done := make(chan int)
		for i := range clients {
			go func() {
				defer func() { done <- i }()
				rec := f.send(t, "POST", w+"/ledger/transactions", "penningmeester", "transfer-"+strconv.Itoa(i), "", transfer)
				var tx transactionJSON
				_ = json.Unmarshal(rec.Body.Bytes(), &tx)
				out[i] = answer{rec.Code, tx.ID, rec.Header().Get(replayHeader) == "true"}
			}()
		}
		for range clients {
			<-done
		}
		return out
	}
	first, again := round(), round()

	ids := map[string]bool{}
	for i, a := range first {
		switch a.status {
		case http.StatusCreated:
			if a.id == "" || ids[a.id] {
				t.Errorf("client %d: id %q is empty or answered twice", i, a.id)
			}
			ids[a.id] = true
			if b := again[i]; b.status != http.StatusOK || !b.replay || b.id != a.id {
				t.Errorf("client %d again: status=%d replay=%v id=%q, want 200, a replay of %q", i, b.status, b.replay, b.id, a.id)
			}
		case http.StatusBadRequest: // the wijkbudget ran out
		default:
			t.Errorf("client %d: status=%d, want 201 or 400", i, a.status)
		}
	}
	if len(ids) != funded {
		t.Errorf("%d transfers booked, want %d (the wijkbudget covers %d)", len(ids), funded, funded)
	}

	ctx := context.Background()
	txs, err := f.s.LedgerTransactions(ctx, f.noord.ID, time.Time{}, time.Time{})
	if err != nil {
		t.Fatal(err)
	}
	booked := map[string]int{}
	for _, tx := range txs {
		booked[tx.ID]++
	}
	for id := range ids {
		if booked[id] != 1 {
			t.Errorf("transaction %s is booked %d times, want once", id, booked[id])
		}
	}
	if len(txs) != 1+len(ids) {
		t.Errorf("%d transactions in the books, want the funding and %d transfers", len(txs), len(ids))
	}
	wb, err := f.s.AccountByCode(ctx, f.noord.ID, store.CodeWijkbudget, ledger.EUR)
	if err != nil {
		t.Fatal(err)
	}
	if b, err := f.s.Balance(ctx, wb.ID); err != nil || b != int64(funded-len(ids))*amount || b < 0 {
		t.Errorf("wijkbudget balance=%d (%v), want %d", b, err, int64(funded-len(ids))*amount)
	}
	if broken, bad, err := f.s.VerifyLedger(ctx, f.noord.ID); err != nil || broken != 0 || len(bad) != 0 {
		t.Errorf("VerifyLedger=%d, %v, %v; want an intact chain", broken, bad, err)
	}
}
