package ledger

import (
	"encoding/csv"
	"fmt"
	"io"
	"strconv"
	"strings"
)

// Exports of the books for the treasurer and the auditor: CSV with one row
// per posting, and a workbook with the transactions, the balance sheet and
// the income statement. The hledger journal is WriteJournal.

// CSVHeader is the first row of WriteCSV: stable, machine-readable names.
var CSVHeader = []string{"date", "seq", "description", "category", "account", "asset", "amount", "hash"}

// WriteCSV writes one row per posting of txs: the transaction's date,
// sequence number, description and category, the account's code, the
// asset, the amount as a plain decimal ("-12.50") and the chain hash.
func WriteCSV(w io.Writer, txs []Transaction, accounts map[string]Account, assets []Asset) error {
	dec := decimalsOf(assets)
	cw := csv.NewWriter(w)
	if err := cw.Write(CSVHeader); err != nil {
		return fmt.Errorf("ledger: csv: %w", err)
	}
	for _, t := range txs {
		for _, p := range t.Postings {
			a, ok := accounts[p.AccountID]
			if !ok {
				return fmt.Errorf("ledger: csv: transaction %d names unknown account %s", t.Seq, p.AccountID)
			}
			row := []string{t.On.Format("2006-01-02"), strconv.FormatInt(t.Seq, 10), csvText(t.Description), csvText(t.Category),
				csvText(a.Code), p.Asset, FormatAmount(p.Amount, dec[p.Asset], false), t.Hash}
			if err := cw.Write(row); err != nil {
				return fmt.Errorf("ledger: csv: %w", err)
			}
		}
	}
	cw.Flush()
	if err := cw.Error(); err != nil {
		return fmt.Errorf("ledger: csv: %w", err)
	}
	return nil
}

// csvText keeps a spreadsheet from reading text as a formula: text that
// starts with = + - @ or a control character gets a leading apostrophe.
func csvText(s string) string {
	if s != "" && strings.ContainsRune("=+-@\t\r", rune(s[0])) {
		return "'" + s
	}
	return s
}

func decimalsOf(assets []Asset) map[string]int {
	dec := map[string]int{}
	for _, a := range assets {
		dec[a.Code] = a.Decimals
	}
	return dec
}

// TypeNames are the Dutch names of the account types, for the workbook.
var TypeNames = map[AccountType]string{
	TypeBank: "Bank", TypeFund: "Fonds", TypeBudget: "Budget", TypeIncome: "Inkomsten", TypeExpense: "Uitgaven",
	TypeFunder: "Financier", TypePayable: "Te betalen", TypeTime: "Tijd", TypeWorld: "Buiten de wijk", TypeSuspense: "Te matchen",
}

// Workbook builds the sheets of the XLSX export: Transacties (one row per
// posting), Balans (the balance sheet from balances, the totals of every
// account up to the end of the period) and Resultaat (the income statement
// from period, the totals over the period), each asset in turn. Like the
// CSV it names no person: accounts of residents show only their code.
func Workbook(txs []Transaction, accounts map[string]Account, assets []Asset, balances, period []AccountTotal) ([]Sheet, error) {
	dec := decimalsOf(assets)
	tx := Sheet{Name: "Transacties", Header: []string{"Datum", "Nr.", "Omschrijving", "Categorie", "Rekening", "Valuta", "Bedrag", "Controlecode"}}
	for _, t := range txs {
		for _, p := range t.Postings {
			a, ok := accounts[p.AccountID]
			if !ok {
				return nil, fmt.Errorf("ledger: workbook: transaction %d names unknown account %s", t.Seq, p.AccountID)
			}
			tx.Rows = append(tx.Rows, []Cell{TextCell(t.On.Format("2006-01-02")), IntCell(t.Seq), TextCell(t.Description), TextCell(t.Category),
				TextCell(a.Code), TextCell(p.Asset), AmountCell(p.Amount, dec[p.Asset]), TextCell(t.Hash)})
		}
	}
	line := func(asset string, l ReportLine) []Cell {
		name := l.Account.Name
		if l.Account.PersonID != "" {
			name = "" // a resident's account is named by its code, never by the person's name
		}
		return []Cell{TextCell(asset), TextCell(TypeNames[l.Account.Type]), TextCell(l.Account.Code), TextCell(name), AmountCell(l.Amount, dec[asset])}
	}
	sum := func(asset, label string, v int64) []Cell {
		return []Cell{TextCell(asset), TextCell(label), TextCell(""), TextCell(""), AmountCell(v, dec[asset])}
	}
	bal := Sheet{Name: "Balans", Header: []string{"Valuta", "Soort", "Rekening", "Naam", "Saldo"}}
	for _, asset := range ReportAssets(balances) {
		b := NewBalanceSheet(asset, balances)
		for _, g := range b.ByType {
			for _, l := range g.Lines {
				bal.Rows = append(bal.Rows, line(asset, l))
			}
		}
		bal.Rows = append(bal.Rows, sum(asset, "Totaal", b.Total), sum(asset, "Resultaat", b.Result))
	}
	res := Sheet{Name: "Resultaat", Header: []string{"Valuta", "Soort", "Rekening", "Naam", "Bedrag"}}
	for _, asset := range ReportAssets(period) {
		s := NewIncomeStatement(asset, period)
		if len(s.Income.Lines)+len(s.Expenses.Lines) == 0 {
			continue
		}
		for _, l := range s.Income.Lines {
			res.Rows = append(res.Rows, line(asset, l))
		}
		res.Rows = append(res.Rows, sum(asset, "Totaal inkomsten", s.Income.Total))
		for _, l := range s.Expenses.Lines {
			res.Rows = append(res.Rows, line(asset, l))
		}
		res.Rows = append(res.Rows, sum(asset, "Totaal uitgaven", s.Expenses.Total), sum(asset, "Resultaat", s.Result))
	}
	return []Sheet{tx, bal, res}, nil
}
