package ledger

import (
	"bufio"
	"fmt"
	"io"
	"sort"
	"strings"
)

// WriteJournal writes transactions (in chain order) as an hledger journal.
// Accounts are named by their Code; amounts carry their asset code as
// commodity with the asset's decimals, so that `hledger -f FILE bal`
// reproduces WEI's balances exactly. Descriptions are the public purposes.
func WriteJournal(w io.Writer, title string, txs []Transaction, accounts map[string]Account, assets []Asset) error {
	bw := bufio.NewWriter(w)
	dec := map[string]int{}
	for _, a := range assets {
		dec[a.Code] = a.Decimals
	}
	fmt.Fprintf(bw, "; %s\n; exported by WEI; every transaction keeps its sequence number and chain hash as tags\n\n", oneLine(title))
	codes := make([]string, 0, len(dec))
	for c := range dec {
		codes = append(codes, c)
	}
	sort.Strings(codes)
	for _, c := range codes {
		// hledger wants a decimal mark in the directive; "1000." is 0 decimals.
		sample := FormatAmount(1000*pow10(dec[c]), dec[c], false)
		if dec[c] == 0 {
			sample += "."
		}
		fmt.Fprintf(bw, "commodity %s %s\n", sample, c)
	}
	bw.WriteString("\n")
	for _, t := range txs {
		fmt.Fprintf(bw, "%s %s  ; seq:%d, hash:%s\n", t.On.Format("2006-01-02"), oneLine(t.Description), t.Seq, t.Hash)
		for _, p := range t.Postings {
			a, ok := accounts[p.AccountID]
			if !ok {
				return fmt.Errorf("ledger: journal: transaction %d names unknown account %s", t.Seq, p.AccountID)
			}
			fmt.Fprintf(bw, "    %s  %s %s\n", a.Code, FormatAmount(p.Amount, dec[p.Asset], false), p.Asset)
		}
		bw.WriteString("\n")
	}
	return bw.Flush()
}

func pow10(n int) int64 {
	v := int64(1)
	for range n {
		v *= 10
	}
	return v
}

// oneLine makes text safe for a journal line: no newlines, and no ';'
// (which starts a comment).
func oneLine(s string) string {
	s = strings.Join(strings.Fields(s), " ")
	return strings.ReplaceAll(s, ";", ",")
}

// Balances sums the postings of transactions per account and asset.
func Balances(txs []Transaction) map[string]map[string]int64 {
	out := map[string]map[string]int64{}
	for _, t := range txs {
		for _, p := range t.Postings {
			if out[p.AccountID] == nil {
				out[p.AccountID] = map[string]int64{}
			}
			out[p.AccountID][p.Asset] += p.Amount
		}
	}
	return out
}
