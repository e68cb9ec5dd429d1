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
	var why rejectedWhy
	if rep.Rejected {
		if why, err = h.whyRejected(r, rc, name, data); err != nil {
			h.serverError(w, r, rc, err)
			return
		}
		status, p.Rejected = http.StatusBadRequest, true
		text := l.T("books.bank.report.rejected.text")
		if why.problem != "" {
			text = l.T("books.bank.report.rejected.why", why.problem)
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
	nth := map[int]int{} // how many reasons of a line were shown
	for _, ln := range rep.Lines {
		rl := bankReportLine{LineNo: ln.LineNo, Date: ln.Date, Reason: ln.Reason, Rejected: ln.Outcome == store.LineRejected}
		if rl.Rejected {
			rl.Reason = why.line(ln.LineNo, nth[ln.LineNo], ln.Reason)
			nth[ln.LineNo]++
		}
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
		if ln.Outcome == store.LineMatched {
			// The store says in English which rule matched, or which
			// approved claim the line pays.
			if purpose, ok := strings.CutPrefix(rl.Reason, "rule: "); ok {
				rl.Reason = l.T("books.bank.reason.rule", purpose)
			} else if purpose, ok := strings.CutPrefix(rl.Reason, "claim: "); ok {
				rl.Reason = l.T("books.bank.reason.claim", purpose)
			}
		}
		p.Lines = append(p.Lines, rl)
	}
	h.renderStatus(w, r, rc, status, "books_bank_report.html", p)
}

// rejectedWhy is why a file was refused, in the reader's language: what
// is wrong with the file as a whole, and per line number its reasons in
// file order.
type rejectedWhy struct {
	problem string
	lines   map[int][]string
}

// line returns the n-th reason of a line, or fallback when there is none.
func (rw rejectedWhy) line(lineNo, n int, fallback string) string {
	if rs := rw.lines[lineNo]; n < len(rs) {
		return rs[n]
	}
	return fallback
}

// whyRejected explains, in the reader's language, why the store refused
// a file. The store's report words its reasons in English for the log and
// the API; the page reads the file again (a refused file only, at most
// bankFileMax) to get each reason's key: the parser refuses the same lines
// for the same reasons every time. A file the parser accepts was refused
// while booking: a line of an account that is not the wijk's, or one the
// books cannot take.
func (h *Handler) whyRejected(r *http.Request, rc *request, name string, data []byte) (rejectedWhy, error) {
	l := rc.L
	rw := rejectedWhy{lines: map[int][]string{}}
	st, err := bank.Parse(name, data)
	var pe *bank.ParseError
	if errors.As(err, &pe) {
		var problems []string
		for _, le := range pe.Errors {
			text := bankReason(l, le.Why)
			if text == "" {
				text = le.Reason
			}
			if le.LineNo == 0 {
				problems = append(problems, text)
			} else {
				rw.lines[le.LineNo] = append(rw.lines[le.LineNo], text)
			}
		}
		rw.problem = strings.Join(problems, "; ")
		return rw, nil
	} else if err != nil {
		return rw, err
	}
	ibans, err := h.store.BankAccounts(ctx(r), rc.Wijk.ID)
	if err != nil {
		return rw, err
	}
	for _, ln := range st.Lines { // a batch gives several lines one number
		why := l.T("books.bank.reason.cannot_book")
		if _, ours := ibans[ln.Account]; !ours {
			why = l.T("books.bank.reason.not_our_account", groupIBAN(ln.Account))
		}
		rw.lines[ln.LineNo] = append(rw.lines[ln.LineNo], why)
	}
	return rw, nil
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
