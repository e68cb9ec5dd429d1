package web

// The exports of a wijk's books: CSV (one row per posting), XLSX
// (transactions, balance sheet, income statement) and an hledger journal.
// Each takes an optional period, from and to; without one it holds all.

import (
	"bytes"
	"net/http"
	"net/url"
	"strings"
	"time"

	"github.com/wei-platform/wei/ledger"
)

// exportRange reads the optional period of an export. It reports false
// when a date is not a date or from lies after to.
func exportRange(q url.Values) (from, to time.Time, ok bool) {
	for _, p := range []struct {
		name string
		t    *time.Time
	}{{"from", &from}, {"to", &to}} {
		if v := strings.TrimSpace(q.Get(p.name)); v != "" {
			d, good := parseDay(v)
			if !good {
				return from, to, false
			}
			*p.t = d
		}
	}
	return from, to, from.IsZero() || to.IsZero() || !from.After(to)
}

// exportData is what every export needs from the store.
type exportData struct {
	from, to time.Time
	txs      []ledger.Transaction
	accounts map[string]ledger.Account
	assets   []ledger.Asset
}

func (h *Handler) loadExport(w http.ResponseWriter, r *http.Request, rc *request) (exportData, bool) {
	var d exportData
	var ok bool
	d.from, d.to, ok = exportRange(r.URL.Query())
	if !ok {
		h.renderError(w, r, rc, http.StatusBadRequest, "error.bad_request.title", "books.error.period")
		return d, false
	}
	var err error
	if d.txs, err = h.store.LedgerTransactions(ctx(r), rc.Wijk.ID, d.from, d.to); err == nil {
		if d.accounts, err = h.accountMap(r, rc.Wijk.ID); err == nil {
			d.assets, err = h.store.Assets(ctx(r), rc.Wijk.ID)
		}
	}
	if err != nil {
		h.serverError(w, r, rc, err)
		return d, false
	}
	return d, true
}

// sendExport writes a finished export as a download named after the wijk
// and the period.
func (h *Handler) sendExport(w http.ResponseWriter, rc *request, d exportData, ext, contentType string, body []byte) {
	name := "wei-boekhouding-" + rc.Wijk.Slug
	if !d.from.IsZero() {
		name += "-" + dayValue(d.from)
	}
	if !d.to.IsZero() {
		name += "-tot-" + dayValue(d.to)
	}
	w.Header().Set("Content-Type", contentType)
	w.Header().Set("Content-Disposition", `attachment; filename="`+name+ext+`"`)
	w.Header().Set("Cache-Control", "no-store")
	w.Write(body)
}

func (h *Handler) booksExportCSV(w http.ResponseWriter, r *http.Request, rc *request) {
	d, ok := h.loadExport(w, r, rc)
	if !ok {
		return
	}
	var buf bytes.Buffer
	if err := ledger.WriteCSV(&buf, d.txs, d.accounts, d.assets); err != nil {
		h.serverError(w, r, rc, err)
		return
	}
	h.sendExport(w, rc, d, ".csv", "text/csv; charset=utf-8", buf.Bytes())
}

func (h *Handler) booksExportXLSX(w http.ResponseWriter, r *http.Request, rc *request) {
	d, ok := h.loadExport(w, r, rc)
	if !ok {
		return
	}
	// The balance sheet at the end of the period, the income statement
	// over it.
	balances, err := h.store.AccountTotals(ctx(r), rc.Wijk.ID, time.Time{}, d.to)
	if err != nil {
		h.serverError(w, r, rc, err)
		return
	}
	period, err := h.store.AccountTotals(ctx(r), rc.Wijk.ID, d.from, d.to)
	if err != nil {
		h.serverError(w, r, rc, err)
		return
	}
	sheets, err := ledger.Workbook(d.txs, d.accounts, d.assets, reportTotals(balances), reportTotals(period))
	if err != nil {
		h.serverError(w, r, rc, err)
		return
	}
	var buf bytes.Buffer
	if err := ledger.WriteXLSX(&buf, sheets); err != nil {
		h.serverError(w, r, rc, err)
		return
	}
	h.sendExport(w, rc, d, ".xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", buf.Bytes())
}

func (h *Handler) booksExportJournal(w http.ResponseWriter, r *http.Request, rc *request) {
	d, ok := h.loadExport(w, r, rc)
	if !ok {
		return
	}
	var buf bytes.Buffer
	if err := ledger.WriteJournal(&buf, rc.Wijk.Name, d.txs, d.accounts, d.assets); err != nil {
		h.serverError(w, r, rc, err)
		return
	}
	h.sendExport(w, rc, d, ".journal", "text/plain; charset=utf-8", buf.Bytes())
}
