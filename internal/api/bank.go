package api

import (
	"errors"
	"fmt"
	"io"
	"mime"
	"net/http"
	"path"
	"strings"

	"github.com/wei-platform/wei"
	"github.com/wei-platform/wei/bank"
	"github.com/wei-platform/wei/internal/store"
	"github.com/wei-platform/wei/ledger"
)

// maxBankFile is the largest bank statement file the API reads; larger
// than maxBody, which is for JSON.
const maxBankFile = 10 << 20

// bankFileTypes are the content types a bank statement may be sent as.
var bankFileTypes = map[string]bool{
	"application/octet-stream": true,
	"text/xml":                 true,
	"application/xml":          true,
	"text/csv":                 true,
	"text/plain":               true,
}

// importLineJSON is the outcome of one line of a bank file. Date and
// amount are left out for a line the parser could not read.
type importLineJSON struct {
	LineNo     int    `json:"line_no"`
	Date       string `json:"date,omitempty"`
	Amount     *int64 `json:"amount,omitempty"`
	AmountText string `json:"amount_text,omitempty"`
	Outcome    string `json:"outcome"`
	Reason     string `json:"reason"`
}

type importTotalsJSON struct {
	Lines      int `json:"lines"`
	Imported   int `json:"imported"`
	Matched    int `json:"matched"`
	Queued     int `json:"queued"`
	Duplicates int `json:"duplicates"`
	Rejected   int `json:"rejected"`
}

// importReportJSON is the report of an import. When the file is rejected
// (422), it also carries the fields of the error body (code, message,
// request_id), so that a client reading errors the one way still can.
type importReportJSON struct {
	Code      string           `json:"code,omitempty"`
	Message   string           `json:"message,omitempty"`
	RequestID string           `json:"request_id,omitempty"`
	ImportID  string           `json:"import_id,omitempty"`
	FileName  string           `json:"file_name"`
	Format    bank.Format      `json:"format"`
	Rejected  bool             `json:"rejected"`
	Problem   string           `json:"problem,omitempty"`
	Totals    importTotalsJSON `json:"totals"`
	Lines     []importLineJSON `json:"lines"`
}

// codeImportRejected is the code of a 422 answer: the import did not
// happen, the report says why.
const codeImportRejected = "import_rejected"

func toImportReport(rep store.ImportReport) importReportJSON {
	out := importReportJSON{ImportID: rep.ImportID, FileName: rep.FileName, Format: rep.Format, Rejected: rep.Rejected, Problem: rep.Problem,
		Totals: importTotalsJSON{Lines: len(rep.Lines), Imported: rep.Imported, Matched: rep.Matched, Queued: rep.Queued, Duplicates: rep.Duplicates},
		Lines:  make([]importLineJSON, 0, len(rep.Lines))}
	d := decimals{ledger.EUR: 2}
	for _, l := range rep.Lines {
		lj := importLineJSON{LineNo: l.LineNo, Outcome: l.Outcome, Reason: l.Reason}
		if !l.Date.IsZero() {
			amount := l.AmountCents
			lj.Date, lj.Amount, lj.AmountText = date(l.Date), &amount, d.text(ledger.EUR, amount)
		}
		if l.Outcome == store.LineRejected {
			out.Totals.Rejected++
		}
		out.Lines = append(out.Lines, lj)
	}
	return out
}

// importBank imports a bank statement file sent as the request body, all
// or nothing: 200 with the report, or 422 with the report when the file
// was refused and nothing was booked.
func (a *api) importBank(w http.ResponseWriter, r *http.Request, c *call) error {
	mt, _, err := mime.ParseMediaType(r.Header.Get("Content-Type"))
	if err != nil || !bankFileTypes[mt] {
		a.writeBody(w, r, http.StatusUnsupportedMediaType, errorBody{Code: "unsupported_media_type",
			Message: "Send the bank file itself as the body, with Content-Type application/octet-stream, text/xml or text/csv."})
		return nil
	}
	name := strings.TrimSpace(r.URL.Query().Get("name"))
	if name = path.Base(strings.ReplaceAll(name, `\`, "/")); name == "." || name == "/" {
		name = "statement"
	}
	if len(name) > 200 {
		return &wei.Error{Code: wei.EINVALID, Message: "The file name is too long.", Fields: map[string]string{"name": "error.too_long"}}
	}
	data, err := io.ReadAll(http.MaxBytesReader(w, r.Body, maxBankFile))
	var tooLarge *http.MaxBytesError
	if errors.As(err, &tooLarge) {
		return invalid(fmt.Sprintf("The file is larger than %d bytes.", tooLarge.Limit))
	} else if err != nil {
		return invalid("The file could not be read.")
	}
	if len(data) == 0 {
		return invalid("The request body is empty; send the bank file.")
	}
	ctx := r.Context()
	if err := a.store.EnsureChart(ctx, c.wijk.ID); err != nil {
		return err
	}
	rep, err := a.store.ImportBank(ctx, c.wijk.ID, name, data, c.actor.User.ID)
	if err != nil {
		return err
	}
	out := toImportReport(rep)
	if rep.Rejected {
		out.Code, out.Message, out.RequestID = codeImportRejected, "The file was not imported; nothing was booked. The report says why.", c.requestID
		if out.Problem != "" {
			out.Message = "The file was not imported; nothing was booked: " + out.Problem
		}
		a.writeJSON(w, r, http.StatusUnprocessableEntity, out)
		return nil
	}
	a.writeJSON(w, r, http.StatusOK, out)
	return nil
}

// bankLineJSON is an imported line waiting to be matched, with the
// counterparty: for the treasurer only.
type bankLineJSON struct {
	ID          string `json:"id"`
	ImportID    string `json:"import_id"`
	LineNo      int    `json:"line_no"`
	Date        string `json:"date"`
	Amount      int64  `json:"amount"`
	AmountText  string `json:"amount_text"`
	CounterIBAN string `json:"counter_iban"`
	CounterName string `json:"counter_name"`
	Description string `json:"description"`
	Status      string `json:"status"`
}

func (a *api) listBankQueue(w http.ResponseWriter, r *http.Request, c *call) error {
	lines, err := a.store.QueuedBankLines(r.Context(), c.wijk.ID)
	if err != nil {
		return err
	}
	d := decimals{ledger.EUR: 2}
	out := make([]bankLineJSON, 0, len(lines))
	for _, l := range lines {
		out = append(out, bankLineJSON{ID: l.ID, ImportID: l.ImportID, LineNo: l.LineNo, Date: date(l.Date), Amount: l.AmountCents,
			AmountText: d.text(ledger.EUR, l.AmountCents), CounterIBAN: l.CounterIBAN, CounterName: l.CounterName, Description: l.Description, Status: l.Status})
	}
	a.writeJSON(w, r, http.StatusOK, list(out))
	return nil
}

type matchInput struct {
	Account  string `json:"account"` // code or ID, a euro account
	Category string `json:"category"`
	Purpose  string `json:"purpose"`
}

// matchBankLine books a queued line on an account: 201 with the
// transaction that moves it from "Te matchen" to that account.
func (a *api) matchBankLine(w http.ResponseWriter, r *http.Request, c *call) error {
	var in matchInput
	if err := decode(w, r, &in); err != nil {
		return err
	}
	f := wei.FieldErrors{}
	in.Account, in.Purpose = strings.TrimSpace(in.Account), strings.TrimSpace(in.Purpose)
	if in.Account == "" {
		f.Add("account", "error.required")
	}
	if in.Purpose == "" {
		f.Add("purpose", "error.required")
	} else if len(in.Purpose) > 500 {
		f.Add("purpose", "error.too_long")
	}
	if len(in.Category) > maxCat {
		f.Add("category", "error.too_long")
	}
	if err := f.Err(); err != nil {
		return err
	}
	ctx := r.Context()
	if err := a.store.EnsureChart(ctx, c.wijk.ID); err != nil {
		return err
	}
	ac, err := a.resolveAccount(ctx, c.wijk.ID, in.Account, ledger.EUR)
	if wei.ErrorCode(err) == wei.ENOTFOUND {
		return &wei.Error{Code: wei.EINVALID, Message: "This wijk has no such euro account.", Fields: map[string]string{"account": "error.account_unknown"}}
	} else if err != nil {
		return err
	}
	// A line moves from the queue to what it was for: not back to the
	// queue, nor to the bank it came from.
	if ac.Asset != ledger.EUR || ac.Type == ledger.TypeSuspense || ac.Type == ledger.TypeBank {
		return &wei.Error{Code: wei.EINVALID, Message: "Choose the euro account the money was for.", Fields: map[string]string{"account": "error.choice"}}
	}
	t, err := a.store.MatchBankLine(ctx, c.wijk.ID, r.PathValue("id"), ac.ID, in.Category, in.Purpose, c.actor.User.ID)
	if err != nil {
		return err
	}
	accounts, err := a.accountMap(ctx, c.wijk.ID)
	if err != nil {
		return err
	}
	d, err := a.decimalsOf(ctx, c.wijk.ID)
	if err != nil {
		return err
	}
	a.writeJSON(w, r, http.StatusCreated, toTransaction(t, accounts, d))
	return nil
}
