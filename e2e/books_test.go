package e2e

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"
	"github.com/wei-platform/wei/bank"
	"github.com/wei-platform/wei/internal/locale"
	"github.com/wei-platform/wei/internal/store"
)

// The wijkboekhouding pages of the demo wijk.
const (
	booksPath  = demoWijk + "/boekhouding"
	reportPath = booksPath + "/rapport"
	bankPath   = booksPath + "/bank"
	claimsPath = demoWijk + "/declaraties"

	periodForm = `main form[action="` + booksPath + `"]`
	importForm = `main form[action="` + bankPath + `/import"]`
	approveBtn = `main form[action$="/goedkeuren"] button[type="submit"]`
	payBtn     = `main form[action$="/betalen"] button[type="submit"]`
)

// TestBooks walks the "done when" of the wijkboekhouding in the browser,
// on a demo server of its own: the treasurer notes the figures of the
// public page and the report, downloads the demo bank statement from the
// bank page and imports it through the file input, and reads the report
// of every line (booked by a rule, waiting, or paying the approved demo
// claim, which is then paid); matches a waiting payment (refused first
// without a purpose, keeping the input, then sent with the keyboard
// alone); the voorzitter approves the initiatiefnemer's waiting claim and
// the treasurer pays it. The public page and the report then differ by
// exactly those amounts, figured from the file and the pages, and
// importing the file again finds only duplicates and changes nothing.
// Every page is checked with axe-core.
//
//	WEI_E2E=1 go test -count=1 -v -run TestBooks ./e2e/
func TestBooks(t *testing.T) {
	s := newSuite(t, "books")

	t.Run("boekhouding", s.books)
}

// books is the treasurer's and the voorzitter's path.
func (s *suite) books(t *testing.T) {
	pen := s.newTab(t, false)
	pen.page(t, "inloggen-pagina", "/inloggen")
	if !pen.login(t, roleNamed(t, "penningmeester"), true) {
		t.FailNow()
	}
	l := s.loc.For(pen.lang())

	// The demo bank statement, as the bank page offers it.
	var file statementFile
	dir := t.TempDir() // outlives the subtest
	if !pen.check(t, "bank", pen.open(bankPath), expect{status: 200, path: bankPath, axe: true,
		checks: []func(*testing.T){func(t *testing.T) { file = pen.mustDownloadStatement(t, l, dir) }}}) {
		t.FailNow()
	}
	today := time.Now().UTC()
	from := time.Date(file.first.Year(), 1, 1, 0, 0, 0, 0, time.UTC)
	to := time.Date(today.Year(), 12, 31, 0, 0, 0, 0, time.UTC)
	t.Logf("demo statement %s: %d lines, %s..%s; public page over %s..%s", file.name, len(file.lines),
		file.first.Format(time.DateOnly), file.last.Format(time.DateOnly), from.Format(time.DateOnly), to.Format(time.DateOnly))

	// The figures before.
	before, ok := pen.publicFigures(t, l, "openbaar-voor", from, to)
	if !ok {
		t.FailNow()
	}
	repBefore, ok := pen.reportFigures(t, l, "rapport-voor")
	if !ok {
		t.FailNow()
	}

	// The claims that were approved and wait for their payment: the
	// statement may hold it.
	var approved []claimRow
	if !pen.check(t, "declaraties-voor", pen.open(claimsPath), expect{status: 200, path: claimsPath, axe: true,
		checks: []func(*testing.T){func(t *testing.T) { approved = pen.claimsWith(t, l, l.T("claims.status.approved")) }}}) {
		t.FailNow()
	}

	// Import through the real file input: the report lists every line.
	if !pen.check(t, "bank-importeren", pen.open(bankPath), expect{status: 200, path: bankPath, axe: true}) {
		t.FailNow()
	}
	var imported importResult
	if !pen.check(t, "importeren", pen.upload(file.path), expect{status: 200, path: bankPath + "/import", axe: true,
		checks: []func(*testing.T){func(t *testing.T) { imported = pen.mustImportReport(t, l, file, false, approved) }}}) {
		t.FailNow()
	}
	if imported.matched == 0 || imported.queued == 0 || len(imported.paid) == 0 {
		t.Errorf("import: %d lines booked by a rule, %d queued, %d paying a claim; the demo statement should have each", imported.matched, imported.queued, len(imported.paid))
	}
	// A claim whose payment was on the statement is paid now.
	if len(imported.paid) > 0 && pen.check(t, "declaraties-na-import", pen.open(claimsPath), expect{status: 200, path: claimsPath, axe: true}) {
		for _, c := range imported.paid {
			if !slices.Contains(pen.claimsWith(t, l, l.T("claims.status.paid")), c) {
				t.Errorf("the claim %q (%s) is not paid after the import of its payment", c.Purpose, c.Amount)
			}
		}
	}

	// Match a waiting payment to an expense: without a purpose it is
	// refused and the form keeps the choice; then by keyboard alone.
	var line queuedLine
	if !pen.check(t, "bank-wachtrij", pen.open(bankPath), expect{status: 200, path: bankPath, axe: true,
		checks: []func(*testing.T){func(t *testing.T) { line = pen.mustQueuedPayment(t, l) }}}) {
		t.FailNow()
	}
	form := `main form[action="` + line.Action + `"]`
	var account string
	refused := func() (loaded, error) {
		var err error
		if account, err = pen.selectFirstOf(form+` select[name="account_id"]`, l.T("books.bank.type.expense")); err != nil {
			return loaded{}, err
		}
		if err := pen.sendKeys(form+` input[name="category"]`, "drukwerk"); err != nil {
			return loaded{}, err
		}
		return pen.click(form + ` button[type="submit"]`)
	}
	if !pen.check(t, "matchen-zonder-doel", refused, expect{status: 400, path: line.Action, axe: true,
		checks: []func(*testing.T){pen.fieldError(form, "purpose", l.T("error.required")), pen.kept(form+` select[name="account_id"]`, &account),
			pen.keptValue(form+` input[name="category"]`, "drukwerk")}}) {
		t.FailNow()
	}
	purpose := "Betaling van een factuur (browsertest)"
	byKeyboard := func() (loaded, error) {
		if err := pen.sendKeys(form+` [name="purpose"]`, purpose); err != nil {
			return loaded{}, err
		}
		return pen.tabToSubmitAndEnter(form, form+` select[name="account_id"]`)
	}
	if !pen.check(t, "matchen-toetsenbord", byKeyboard, expect{status: 200, path: bankPath, axe: true,
		checks: []func(*testing.T){pen.shows(l.T("books.bank.flash.matched")), pen.present(form, false)}}) {
		t.FailNow()
	}
	t.Logf("matched the payment of %s on %s to an expense account by keyboard", centsText(-line.Cents), line.Date)

	// The voorzitter approves a waiting claim of the initiatiefnemer.
	chair := s.newTab(t, false)
	if !chair.login(t, roleNamed(t, "voorzitter"), true) {
		t.FailNow()
	}
	var claim claimRow
	if !chair.check(t, "declaraties", chair.open(claimsPath), expect{status: 200, path: claimsPath, axe: true,
		checks: []func(*testing.T){func(t *testing.T) { claim = chair.mustClaimWith(t, l, l.T("claims.status.submitted")) }}}) {
		t.FailNow()
	}
	if !chair.check(t, "declaratie", chair.follow(`main a[href=`+jsString(claim.Href)+`]`), expect{status: 200, path: claim.Href, axe: true,
		checks: []func(*testing.T){chair.claimStatus(l, l.T("claims.status.submitted")), chair.present(approveBtn, true)}}) {
		t.FailNow()
	}
	if !chair.check(t, "goedkeuren", chair.follow(approveBtn), expect{status: 200, path: claim.Href, axe: true,
		checks: []func(*testing.T){chair.shows(l.T("claims.flash.approved")), chair.claimStatus(l, l.T("claims.status.approved")), chair.present(payBtn, false)}}) {
		t.FailNow()
	}
	claimCents := euroCents(t, claim.Amount)

	// The treasurer sees the approval in the report, and pays the claim.
	afterApproval, ok := pen.reportFigures(t, l, "rapport-goedgekeurd")
	if !ok {
		t.FailNow()
	}
	if d, want := afterApproval.payable-repBefore.payable, imported.paidCents-claimCents; d != want {
		t.Errorf("report: Te betalen declaraties changed by %s after the approval, want %s (the claims paid by the import %s, less the claim now owed %s)",
			centsText(d), centsText(want), centsText(imported.paidCents), centsText(claimCents))
	}
	if !pen.check(t, "declaratie-betalen", pen.open(claim.Href), expect{status: 200, path: claim.Href, axe: true,
		checks: []func(*testing.T){pen.claimStatus(l, l.T("claims.status.approved"))}}) {
		t.FailNow()
	}
	if !pen.check(t, "betalen", pen.follow(payBtn), expect{status: 200, path: claim.Href, axe: true,
		checks: []func(*testing.T){pen.shows(l.T("claims.flash.paid")), pen.claimStatus(l, l.T("claims.status.paid"))}}) {
		t.FailNow()
	}

	// The public page and the report changed by exactly these amounts. The
	// demo's rules book subsidies and income: money in.
	after, ok := pen.publicFigures(t, l, "openbaar-na", from, to)
	if !ok {
		t.FailNow()
	}
	if d := after.in - before.in; d != imported.matchedCents {
		t.Errorf("public page: money in changed by %s, want %s (the %d lines booked by a rule)", centsText(d), centsText(imported.matchedCents), imported.matched)
	}
	if d, want := after.out-before.out, -line.Cents+claimCents; d != want {
		t.Errorf("public page: money out changed by %s, want %s (the matched payment %s and the claim %s)", centsText(d), centsText(want),
			centsText(-line.Cents), centsText(claimCents))
	}
	repAfter, ok := pen.reportFigures(t, l, "rapport-na")
	if !ok {
		t.FailNow()
	}
	checkReport(t, repBefore, repAfter, file, imported, line, claimCents, today)

	// The same file again: every line a duplicate, nothing changes.
	if !pen.check(t, "bank-opnieuw", pen.open(bankPath), expect{status: 200, path: bankPath, axe: true}) {
		t.FailNow()
	}
	if !pen.check(t, "opnieuw-importeren", pen.upload(file.path), expect{status: 200, path: bankPath + "/import", axe: true,
		checks: []func(*testing.T){func(t *testing.T) { pen.mustImportReport(t, l, file, true, nil) }}}) {
		t.FailNow()
	}
	if again, ok := pen.publicFigures(t, l, "openbaar-opnieuw", from, to); ok && again != after {
		t.Errorf("public page after importing the file again: in %s out %s, want %s and %s as before", centsText(again.in), centsText(again.out),
			centsText(after.in), centsText(after.out))
	}
	if again, ok := pen.reportFigures(t, l, "rapport-opnieuw"); ok && again != repAfter {
		t.Errorf("report after importing the file again: %+v, want %+v as before", again, repAfter)
	}
}

// checkReport compares the report before and after: the bank balance moved
// by the whole statement (a claim's approval and payment cancel out on
// Bank), "Te matchen" holds the queued lines less the matched one, the
// claims paid by the import owe nothing any more, the expenses grew by the
// matched payment and the claim (when dated this year), and income plus
// what funders gave grew by the lines booked by a rule (when the whole
// statement is of this year: the income statement is of one year).
func checkReport(t *testing.T, before, after reportFigures, file statementFile, imp importResult, line queuedLine, claim int64, today time.Time) {
	t.Helper()
	var all int64
	for _, l := range file.lines {
		all += l.AmountCents
	}
	if d := after.bank - before.bank; d != all {
		t.Errorf("report: Bank changed by %s, want %s (the sum of the statement's lines)", centsText(d), centsText(all))
	}
	if d, want := after.suspense-before.suspense, -imp.queuedCents+line.Cents; d != want {
		t.Errorf("report: Te matchen changed by %s, want %s (the queued lines %s, less the matched payment %s)", centsText(d), centsText(want),
			centsText(imp.queuedCents), centsText(line.Cents))
	}
	if d := after.payable - before.payable; d != imp.paidCents {
		t.Errorf("report: Te betalen declaraties changed by %s, want %s (what the claims paid by the import owed)", centsText(d), centsText(imp.paidCents))
	}
	wantOut := claim
	if lineDay, err := time.Parse(time.DateOnly, line.Date); err == nil && lineDay.Year() == today.Year() {
		wantOut -= line.Cents
	}
	if d := after.expenses - before.expenses; d != wantOut {
		t.Errorf("report: total expenses changed by %s, want %s", centsText(d), centsText(wantOut))
	}
	if file.first.Year() != today.Year() {
		t.Logf("report: the statement starts in %d, the income statement is of %d: income not compared", file.first.Year(), today.Year())
		return
	}
	if d := (after.income - before.income) - (after.funders - before.funders); d != imp.matchedCents {
		t.Errorf("report: income changed by %s and the funders' balances by %s; together %s, want %s (the lines booked by a rule)",
			centsText(after.income-before.income), centsText(after.funders-before.funders), centsText(d), centsText(imp.matchedCents))
	}
}

// statementFile is the downloaded demo bank statement.
type statementFile struct {
	name, path  string
	lines       []bank.Line
	first, last time.Time
}

// mustDownloadStatement follows the bank page's link to the example
// statement, as the browser would download it (same session), saves it
// in dir and reads it with WEI's parser.
func (tb *tab) mustDownloadStatement(t *testing.T, l *locale.Localizer, dir string) statementFile {
	t.Helper()
	type download struct {
		Found       bool   `json:"found"`
		Download    bool   `json:"download"`
		Href        string `json:"href"`
		Status      int    `json:"status"`
		Type        string `json:"type"`
		Disposition string `json:"disposition"`
		Body        string `json:"body"`
	}
	d, err := eval[download](tb, `(async () => {
		const a = [...document.querySelectorAll('main a[href]')].find(a => a.textContent.trim() === `+jsString(l.T("books.bank.example.download"))+`);
		if (!a) return {found: false};
		const r = await fetch(a.href, {credentials: 'same-origin'});
		return {found: true, download: a.hasAttribute('download'), href: a.getAttribute('href'), status: r.status,
			type: r.headers.get('content-type') || '', disposition: r.headers.get('content-disposition') || '', body: await r.text()};
	})()`, chromedp.EvalAwaitPromise)
	if err != nil {
		t.Fatal(err)
	}
	if !d.Found {
		t.Fatalf("the bank page has no link %q to the demo statement; it says: %s", l.T("books.bank.example.download"), tb.excerpt())
	}
	m := regexp.MustCompile(`filename="([^"/\\]+)"`).FindStringSubmatch(d.Disposition)
	if d.Status != 200 || !d.Download || !strings.Contains(d.Type, "xml") || !strings.HasPrefix(d.Disposition, "attachment") || m == nil {
		t.Fatalf("GET %s: status %d, type %q, disposition %q, download attribute %v; want 200, an XML attachment with a file name",
			d.Href, d.Status, d.Type, d.Disposition, d.Download)
	}
	f := statementFile{name: m[1], path: filepath.Join(dir, m[1])}
	if err := os.WriteFile(f.path, []byte(d.Body), 0o600); err != nil {
		t.Fatal(err)
	}
	st, err := bank.Parse(f.name, []byte(d.Body))
	if err != nil {
		t.Fatalf("the demo statement does not parse: %v", err)
	}
	if len(st.Lines) == 0 {
		t.Fatal("the demo statement has no lines")
	}
	f.lines = st.Lines
	f.first, f.last = st.Lines[0].BookingDate, st.Lines[0].BookingDate
	for _, ln := range st.Lines {
		f.first, f.last = minTime(f.first, ln.BookingDate), maxTime(f.last, ln.BookingDate)
	}
	return f
}

func minTime(a, b time.Time) time.Time {
	if b.Before(a) {
		return b
	}
	return a
}

func maxTime(a, b time.Time) time.Time {
	if b.After(a) {
		return b
	}
	return a
}

// upload returns the load func of a check that puts the file in the file
// input of the import form and presses its button.
func (tb *tab) upload(path string) func() (loaded, error) {
	return func() (loaded, error) {
		input := importForm + ` input[type="file"]`
		if ok, err := tb.exists(input); err != nil || !ok {
			return loaded{}, fmt.Errorf("no file input %s on %s (%v)", input, tb.location(), err)
		}
		if err := tb.do(func(ctx context.Context) error {
			return chromedp.Do(ctx, chromedp.SetUploadFiles(chromedp.CSS(input), []string{path}))
		}); err != nil {
			return loaded{}, err
		}
		return tb.click(importForm + ` button[type="submit"]`)
	}
}

// importResult is what the import report said.
type importResult struct {
	matched, queued           int        // lines booked by a rule, and waiting
	matchedCents, queuedCents int64      // their signed sums
	paid                      []claimRow // approved claims whose payment the file holds
	paidCents                 int64      // and their sum
}

// mustImportReport reads the import report: the counts, and a row for
// every line of the file with its date, amount and outcome. A first
// import books every line: by a rule, into the queue, or as the payment of
// one of the approved claims (the line pays the claim's amount and its
// explanation names the claim's purpose); a second finds every line a
// duplicate.
func (tb *tab) mustImportReport(t *testing.T, l *locale.Localizer, f statementFile, again bool, approved []claimRow) importResult {
	t.Helper()
	tab := tb.mustTable(t, l.T("books.bank.report.lines"))
	colNo, colDate, colAmount, colOutcome, colReason := tab.col(t, l.T("books.bank.col.line")), tab.col(t, l.T("books.bank.col.date")),
		tab.col(t, l.T("books.bank.col.amount")), tab.col(t, l.T("books.bank.col.outcome")), tab.col(t, l.T("books.bank.col.reason"))
	payment := func(ln bank.Line, reason string) (claimRow, bool) {
		for _, c := range approved {
			if ln.AmountCents == -euroCents(t, c.Amount) && strings.Contains(reason, c.Purpose) {
				return c, true
			}
		}
		return claimRow{}, false
	}
	if len(tab.Rows) != len(f.lines) {
		t.Errorf("the report lists %d lines, the file has %d", len(tab.Rows), len(f.lines))
	}
	byNo := map[int]bank.Line{}
	for _, ln := range f.lines {
		byNo[ln.LineNo] = ln
	}
	var r importResult
	for _, row := range tab.Rows {
		if len(row) <= max(colNo, colDate, colAmount, colOutcome, colReason) {
			t.Errorf("report row %q: too few cells", row)
			continue
		}
		no, err := strconv.Atoi(row[colNo])
		ln, ok := byNo[no]
		if err != nil || !ok {
			t.Errorf("report row %q: line %q is not a line of the file", row, row[colNo])
			continue
		}
		if got := euroCents(t, row[colAmount]); got != ln.AmountCents {
			t.Errorf("report line %d: amount %q, the file says %s", no, row[colAmount], centsText(ln.AmountCents))
		}
		if row[colDate] == "" || row[colDate] == l.T("common.none") {
			t.Errorf("report line %d: no date", no)
		}
		switch outcome := row[colOutcome]; {
		case again && outcome == l.T("books.bank.outcome.duplicate"):
		case !again && outcome == l.T("books.bank.outcome.matched"):
			if c, ok := payment(ln, row[colReason]); ok {
				r.paid = append(r.paid, c)
				r.paidCents -= ln.AmountCents
				break
			}
			r.matched++
			r.matchedCents += ln.AmountCents
		case !again && outcome == l.T("books.bank.outcome.queued"):
			r.queued++
			r.queuedCents += ln.AmountCents
		default:
			t.Errorf("report line %d: outcome %q", no, outcome)
		}
	}
	n := len(f.lines)
	want := map[string]int{"books.bank.report.imported": n, "books.bank.report.matched": r.matched + len(r.paid), "books.bank.report.queued": r.queued,
		"books.bank.report.duplicates": 0}
	if again {
		want = map[string]int{"books.bank.report.imported": 0, "books.bank.report.matched": 0, "books.bank.report.queued": 0, "books.bank.report.duplicates": n}
	}
	for key, w := range want {
		if got := tb.mustFact(t, l.T(key)); count(t, got) != w {
			t.Errorf("import report: %s %s, want %d", l.T(key), got, w)
		}
	}
	return r
}

// col returns the index of the column headed name.
func (tab table) col(t *testing.T, name string) int {
	t.Helper()
	for i, h := range tab.Head {
		if h == name {
			return i
		}
	}
	t.Fatalf("table has no column %q; columns: %q", name, tab.Head)
	return -1
}

// mustFact returns the text of the dd after the first dt in the content
// whose text is term.
func (tb *tab) mustFact(t *testing.T, term string) string {
	t.Helper()
	v, err := eval[*string](tb, `(() => {
		const dt = [...document.querySelectorAll('main dt')].find(dt => dt.textContent.trim() === `+jsString(term)+`);
		const dd = dt?.nextElementSibling;
		return dd && dd.tagName === 'DD' ? dd.innerText.trim() : null;
	})()`)
	if err != nil {
		t.Fatal(err)
	}
	if v == nil {
		t.Fatalf("%s: no fact %q; page says: %s", tb.location(), term, tb.excerpt())
	}
	return *v
}

// queuedLine is a line in the bank page's queue.
type queuedLine struct {
	Action string `json:"action"` // of its match form
	Date   string `json:"date"`   // yyyy-mm-dd
	Amount string `json:"amount"` // as the heading shows it
	Cents  int64  `json:"-"`      // signed: negative for a payment
}

// mustQueuedPayment finds the first payment (money out) in the queue.
func (tb *tab) mustQueuedPayment(t *testing.T, l *locale.Localizer) queuedLine {
	t.Helper()
	q, err := eval[*queuedLine](tb, `(() => {
		const h = [...document.querySelectorAll('main li h3')].find(h => h.textContent.includes(`+jsString(l.T("books.bank.queue.out"))+`) && h.closest('li').querySelector('form'));
		if (!h) return null;
		return {action: h.closest('li').querySelector('form').getAttribute('action'), date: h.querySelector('time')?.getAttribute('datetime') ?? '',
			amount: h.textContent.split(' ' + `+jsString(l.T("books.bank.queue.out"))+`)[0].trim()};
	})()`)
	if err != nil {
		t.Fatal(err)
	}
	if q == nil {
		t.Fatalf("the queue has no payment (%q) with a match form; page says: %s", l.T("books.bank.queue.out"), tb.excerpt())
	}
	q.Cents = -abs(euroCents(t, q.Amount))
	return *q
}

func abs(n int64) int64 {
	if n < 0 {
		return -n
	}
	return n
}

// selectFirstOf chooses the first option of the optgroup with the label
// and returns its value.
func (tb *tab) selectFirstOf(sel, group string) (string, error) {
	v, err := eval[*string](tb, `(() => {
		const g = [...(document.querySelector(`+jsString(sel)+`)?.querySelectorAll('optgroup') ?? [])].find(g => g.label === `+jsString(group)+`);
		return g?.querySelector('option')?.value ?? null;
	})()`)
	if err != nil {
		return "", err
	}
	if v == nil {
		return "", fmt.Errorf("%s on %s has no option in the group %q", sel, tb.location(), group)
	}
	return *v, tb.do(func(ctx context.Context) error {
		return chromedp.Do(ctx, chromedp.SetValue(chromedp.CSS(sel), *v))
	})
}

// kept returns an extra check: the select still has the value *want.
func (tb *tab) kept(sel string, want *string) func(*testing.T) {
	return func(t *testing.T) {
		t.Helper()
		tb.keptValue(sel, *want)(t)
	}
}

// tabToSubmitAndEnter focuses the first control, presses Tab until the
// form's submit button has the focus, and presses Enter: the form is sent
// by keyboard alone.
func (tb *tab) tabToSubmitAndEnter(form, first string) (loaded, error) {
	if err := tb.do(func(ctx context.Context) error {
		return chromedp.Do(ctx, chromedp.Focus(chromedp.CSS(first)))
	}); err != nil {
		return loaded{}, fmt.Errorf("focusing %s: %w", first, err)
	}
	const onSubmit = `(() => { const a = document.activeElement; return a.matches('button[type="submit"]') && a.form === document.querySelector(` + "%s" + `); })()`
	var path []string
	for range 12 {
		on, err := eval[bool](tb, fmt.Sprintf(onSubmit, jsString(form)))
		if err != nil {
			return loaded{}, err
		}
		if on {
			var resp loaded
			err := tb.do(func(ctx context.Context) error {
				r, err := chromedp.RunResponse(ctx, chromedp.KeyEvent(kb.Enter))
				if err != nil {
					return err
				}
				resp, err = tb.result("Enter on the submit button", r, nil)
				return err
			})
			return resp, err
		}
		focused, _ := eval[string](tb, `document.activeElement.tagName + (document.activeElement.name ? '[name=' + document.activeElement.name + ']' : '')`)
		path = append(path, focused)
		if err := tb.key(kb.Tab); err != nil {
			return loaded{}, err
		}
	}
	return loaded{}, fmt.Errorf("12 Tabs from %s did not reach the submit button of %s; focus went %s", first, form, strings.Join(path, " → "))
}

// claimRow is a claim in the list of claims.
type claimRow struct {
	Href    string `json:"href"`
	Purpose string `json:"purpose"`
	Amount  string `json:"amount"`
}

// mustClaimWith finds the first claim in the list with the status.
func (tb *tab) mustClaimWith(t *testing.T, l *locale.Localizer, status string) claimRow {
	t.Helper()
	cs := tb.claimsWith(t, l, status)
	if len(cs) == 0 {
		t.Fatalf("no claim with status %q; page says: %s", status, tb.excerpt())
	}
	return cs[0]
}

// claimsWith lists the claims in the list with the status.
func (tb *tab) claimsWith(t *testing.T, l *locale.Localizer, status string) []claimRow {
	t.Helper()
	tab := tb.mustTable(t, l.T("claims.caption"))
	colStatus, colAmount, colPurpose := tab.col(t, l.T("claims.col.status")), tab.col(t, l.T("claims.col.amount")), tab.col(t, l.T("claims.col.purpose"))
	var out []claimRow
	for i, row := range tab.Rows {
		if len(row) <= max(colStatus, colAmount, colPurpose) || row[colStatus] != status {
			continue
		}
		href, err := eval[string](tb, fmt.Sprintf(`(() => {
			const c = [...document.querySelectorAll('main table > caption')].find(c => c.textContent.trim() === %s);
			return c.parentElement.querySelectorAll('tbody tr')[%d].cells[%d].querySelector('a[href]')?.getAttribute('href') ?? '';
		})()`, jsString(l.T("claims.caption")), i, colPurpose))
		if err != nil {
			t.Fatal(err)
		}
		if href == "" {
			t.Fatalf("the claim %q has no link", row[colPurpose])
		}
		out = append(out, claimRow{Href: href, Purpose: row[colPurpose], Amount: row[colAmount]})
	}
	return out
}

// claimStatus returns an extra check: the claim page says the status.
func (tb *tab) claimStatus(l *locale.Localizer, status string) func(*testing.T) {
	return func(t *testing.T) {
		t.Helper()
		if got := tb.mustFact(t, l.T("claims.col.status")); got != status {
			t.Errorf("claim status %q, want %q", got, status)
		}
	}
}

// publicFigures are the totals of the public page.
type publicFigures struct{ in, out int64 }

// publicFigures opens the public page, chooses the period in its form
// (the date fields take ISO dates as their value) and reads money in and
// out.
func (tb *tab) publicFigures(t *testing.T, l *locale.Localizer, name string, from, to time.Time) (publicFigures, bool) {
	t.Helper()
	var f publicFigures
	if !tb.check(t, name+"-pagina", tb.open(booksPath), expect{status: 200, path: booksPath, axe: true}) {
		return f, false
	}
	choose := func() (loaded, error) {
		for field, v := range map[string]time.Time{"from": from, "to": to} {
			if err := tb.do(func(ctx context.Context) error {
				return chromedp.Do(ctx, chromedp.SetValue(chromedp.CSS(periodForm+` input[name="`+field+`"]`), v.Format(time.DateOnly)))
			}); err != nil {
				return loaded{}, err
			}
		}
		return tb.click(periodForm + ` button[type="submit"]`)
	}
	ok := tb.check(t, name, choose, expect{status: 200, path: booksPath, axe: true,
		checks: []func(*testing.T){func(t *testing.T) {
			if q := tb.location(); !strings.Contains(q, "from="+from.Format(time.DateOnly)) || !strings.Contains(q, "to="+to.Format(time.DateOnly)) {
				t.Fatalf("the period form led to %s", q)
			}
			f.in = euroCents(t, tb.mustFact(t, l.T("books.in.total")))
			f.out = euroCents(t, tb.mustFact(t, l.T("books.out.total")))
			t.Logf("money in %s, out %s", centsText(f.in), centsText(f.out))
		}}})
	return f, ok
}

// reportFigures are the figures of the report (this year, the whole
// wijk) that the path changes.
type reportFigures struct {
	bank, suspense, payable, funders int64 // balances, as the report shows them (credit negative)
	income, expenses                 int64 // totals of the income statement
}

// reportFigures opens the report and reads the euro balance sheet and
// income statement.
func (tb *tab) reportFigures(t *testing.T, l *locale.Localizer, name string) (reportFigures, bool) {
	t.Helper()
	var f reportFigures
	ok := tb.check(t, name, tb.open(reportPath), expect{status: 200, path: reportPath, axe: true,
		checks: []func(*testing.T){func(t *testing.T) {
			balance := tb.mustEuroTable(t, l, "books.report.balance")
			for _, row := range balance {
				if len(row) < 3 {
					continue // a group's heading or subtotal
				}
				amount := euroCents(t, row[len(row)-1])
				switch code := row[0]; {
				case code == store.CodeBank:
					f.bank = amount
				case code == store.CodeSuspense:
					f.suspense = amount
				case code == store.CodePayable:
					f.payable = amount
				case strings.HasPrefix(code, store.CodeFunders+":"):
					f.funders += amount
				}
			}
			for _, row := range tb.mustEuroTable(t, l, "books.report.result") {
				switch row[0] {
				case l.T("books.report.income_total"):
					f.income = euroCents(t, row[len(row)-1])
				case l.T("books.report.expense_total"):
					f.expenses = euroCents(t, row[len(row)-1])
				}
			}
			t.Logf("Bank %s, Te matchen %s, Te betalen %s, funders %s; income %s, expenses %s", centsText(f.bank), centsText(f.suspense),
				centsText(f.payable), centsText(f.funders), centsText(f.income), centsText(f.expenses))
		}}})
	return f, ok
}

// mustEuroTable returns the body rows of the report's euro table whose
// caption is the text of key (up to its first argument).
func (tb *tab) mustEuroTable(t *testing.T, l *locale.Localizer, key string) [][]string {
	t.Helper()
	prefix, _, _ := strings.Cut(l.T(key), "%")
	rows, err := eval[*[][]string](tb, `(() => {
		const c = [...document.querySelectorAll('main table > caption')].find(c => c.textContent.trim().startsWith(`+jsString(prefix)+`) && c.textContent.trim().endsWith('(EUR)'));
		if (!c) return null;
		return [...c.parentElement.querySelectorAll('tbody tr')].map(r => [...r.cells].map(c => c.textContent.trim()));
	})()`)
	if err != nil {
		t.Fatal(err)
	}
	if rows == nil {
		t.Fatalf("%s: no euro table with a caption starting %q", tb.location(), prefix)
	}
	return *rows
}

// euroCents reads an amount as a Dutch page writes it ("€ 1.234,56",
// "-1.234,56 EUR") in cents.
func euroCents(t *testing.T, s string) int64 {
	t.Helper()
	neg := strings.ContainsAny(s, "-−")
	var digits strings.Builder
	decimals := -1
	for _, r := range s {
		switch {
		case r >= '0' && r <= '9':
			digits.WriteRune(r)
			if decimals >= 0 {
				decimals++
			}
		case r == ',':
			decimals = 0
		}
	}
	n, err := strconv.ParseInt(digits.String(), 10, 64)
	if err != nil || decimals != 2 {
		t.Fatalf("%q is not an amount in euros with two decimals", s)
	}
	if neg {
		n = -n
	}
	return n
}

// centsText writes cents for a test message.
func centsText(c int64) string {
	sign := ""
	if c < 0 {
		sign, c = "-", -c
	}
	return fmt.Sprintf("%s€%d,%02d", sign, c/100, c%100)
}
