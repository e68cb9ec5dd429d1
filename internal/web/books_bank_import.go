package web

import (
	"errors"
	"io"
	"net/http"
	"path"
	"strings"
	"time"

	"github.com/wei-platform/wei/bank"
	"github.com/wei-platform/wei/internal/locale"
	"github.com/wei-platform/wei/internal/store"
)

// bankReportPage is what an import did with a bank file: a summary, or why
// nothing was imported, and every line of the file.
type bankReportPage struct {
	Page
	BooksNav   *BooksNav
	FileName   string
	Format     string
	Alert      Alert // that the file was imported, or why nothing was
	Rejected   bool
	Imported   int
	Matched    int
	Queued     int
	Duplicates int
	Lines      []bankReportLine
	BankURL    string
}

type bankReportLine struct {
	LineNo   int
	Date     time.Time
	Amount   string // "" when the line could not be read
	Outcome  string
	Reason   string
	Rejected bool
}

// bankImport reads an uploaded bank file and books it, all or nothing, and
// shows the report: 200 when it was imported, 400 when it was refused.
func (h *Handler) bankImport(w http.ResponseWriter, r *http.Request, rc *request) {
	l := rc.L
	uploadErr := func(key string) {
		inp := newBankInput()
		inp.Upload.Errors["file"] = l.T(key)
		h.renderBank(w, r, rc, http.StatusBadRequest, inp)
	}
	file, hdr, err := r.FormFile("file")
	if errors.Is(err, http.ErrMissingFile) || errors.Is(err, http.ErrNotMultipart) {
		uploadErr("books.bank.error.no_file")
		return
	} else if err != nil {
		uploadErr("books.bank.error.unreadable")
		return
	}
	defer file.Close()
	if hdr.Size > bankFileMax {
		uploadErr("books.bank.error.too_large")
		return
	}
	data, err := io.ReadAll(io.LimitReader(file, bankFileMax+1))
	if err != nil {
		uploadErr("books.bank.error.unreadable")
		return
	}
	if len(data) > bankFileMax {
		uploadErr("books.bank.error.too_large")
		return
	}
	if len(data) == 0 {
		uploadErr("books.bank.error.empty")
		return
	}
	name := path.Base(strings.ReplaceAll(hdr.Filename, `\`, "/"))
	if len(name) > 200 {
		name = name[len(name)-200:]
	}
	if err := h.store.EnsureChart(ctx(r), rc.Wijk.ID); err != nil {
		h.serverError(w, r, rc, err)
		return
	}
	rep, err := h.store.ImportBank(ctx(r), rc.Wijk.ID, name, data, rc.Actor.User.ID)
	if err != nil {
		h.serverError(w, r, rc, err)
		return
	}
	p := bankReportPage{Page: h.page(r, rc, l.T("books.bank.report.title")), BooksNav: booksNav(rc, bankURL(rc)), FileName: rep.FileName,
		Format: formatLabel(rc, string(rep.Format)), Imported: rep.Imported, Matched: rep.Matched, Queued: rep.Queued, Duplicates: rep.Duplicates, BankURL: bankURL(rc)}
	status := http.StatusOK
	p.Alert = NewAlert(l, "ok", l.T("books.bank.report.done"))
	if rep.Rejected {
		status, p.Rejected = http.StatusBadRequest, true
		text := l.T("books.bank.report.rejected.text")
		if len(rep.ProblemWhy) > 0 {
			problems := make([]string, len(rep.ProblemWhy))
			for i, why := range rep.ProblemWhy {
				problems[i] = importReason(l, why, why.String())
			}
			text = l.T("books.bank.report.rejected.why", strings.Join(problems, "; "))
		}
		for _, ln := range rep.Lines {
			if ln.Outcome == store.LineRejected {
				text += " " + l.T("books.bank.report.rejected.fix")
				break
			}
		}
		p.Alert = NewAlert(l, "error", text)
		p.Alert.Heading = l.T("books.bank.report.rejected.title")
	}
	for _, ln := range rep.Lines {
		rl := bankReportLine{LineNo: ln.LineNo, Date: ln.Date, Reason: importReason(l, ln.Why, ln.Reason), Rejected: ln.Outcome == store.LineRejected}
		if !ln.Date.IsZero() || ln.AmountCents != 0 {
			rl.Amount = euros(l, ln.AmountCents)
		}
		switch {
		case rl.Rejected:
			rl.Outcome = l.T("books.bank.outcome.rejected")
		case ln.Outcome == store.LineDuplicate:
			rl.Outcome = l.T("books.bank.outcome.duplicate")
		case rep.Rejected:
			// A good line of a refused file: it was not booked either.
			rl.Outcome, rl.Reason = l.T("books.bank.outcome.not_imported"), ""
		case ln.Outcome == store.LineMatched:
			rl.Outcome = l.T("books.bank.outcome.matched")
		default:
			rl.Outcome = l.T("books.bank.outcome.queued")
		}
		p.Lines = append(p.Lines, rl)
	}
	h.renderStatus(w, r, rc, status, "books_bank_report.html", p)
}

// importReason says a reason of the store's import report in the reader's
// language: why the bank parser refused a line or the file, why the store
// could not book a line, or which rule or claim a line was matched to.
// The store gives each reason as a key and its arguments beside its
// English text; a reason without a text in this language is given in
// English.
func importReason(l *locale.Localizer, why *bank.Reason, english string) string {
	if why == nil || !l.Has("books.bank.reason."+why.Key) {
		return english
	}
	if why.Key == store.ReasonNotOurAccount && len(why.Args) == 1 {
		if iban, ok := why.Args[0].(string); ok { // as banks print it
			return l.T("books.bank.reason."+why.Key, groupIBAN(iban))
		}
	}
	return bankReason(l, why)
}

// bankReason says a reason of the bank parsers in the reader's language,
// with amounts written as the language writes money. A reason without a
// text in this language is given in English.
func bankReason(l *locale.Localizer, r *bank.Reason) string {
	if r == nil {
		return ""
	}
	key := "books.bank.reason." + r.Key
	if !l.Has(key) {
		return r.String()
	}
	args := make([]any, len(r.Args))
	for i, a := range r.Args {
		switch v := a.(type) {
		case *bank.Reason:
			args[i] = bankReason(l, v)
		case bank.Cents:
			args[i] = euros(l, int64(v))
		default:
			args[i] = v
		}
	}
	return l.T(key, args...)
}

// formatLabel names a bank file format for the report.
func formatLabel(rc *request, f string) string {
	key := "books.bank.format." + strings.ReplaceAll(f, "-", "_")
	if f == "" || !rc.L.Has(key) {
		return rc.L.T("books.bank.format.unknown")
	}
	return rc.L.T(key)
}
