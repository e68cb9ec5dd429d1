// Package ledger is the wijkboekhouding of De BlauweWijkEconomie: a
// double-entry, append-only ledger of the wijk in euros, a local currency
// and time. A transaction is never edited or deleted; a correction is a
// reversal plus a new transaction. Each transaction is chained to the
// previous one of its wijk by a hash, so anyone holding the head hash can
// see the books were not rewritten.
package ledger

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/wei-platform/wei"
)

// AssetKind is what an asset measures.
type AssetKind string

const (
	KindEuro  AssetKind = "euro"  // cents
	KindLocal AssetKind = "local" // a local currency of the wijk, in its own decimals
	KindTime  AssetKind = "time"  // minutes, for the time bank
)

// Asset is a unit the books of a wijk count in.
type Asset struct {
	WijkID   string
	Code     string // "EUR", "MIN", or the local currency's code
	Name     string
	Kind     AssetKind
	Decimals int // 2 for EUR, 0 for minutes
}

// Well-known asset codes.
const (
	EUR  = "EUR"
	Time = "MIN"
)

// AccountType places an account in the chart of a wijk.
type AccountType string

const (
	TypeBank     AccountType = "bank"     // the wijk's bank account(s): money held
	TypeFund     AccountType = "fund"     // the wijkbudget and the wijkcoöperatie's own funds
	TypeBudget   AccountType = "budget"   // an initiative's granted budget not yet spent
	TypeIncome   AccountType = "income"   // an initiative's or the wijk's income
	TypeExpense  AccountType = "expense"  // an initiative's or the wijk's expenses
	TypeFunder   AccountType = "funder"   // gemeente subsidy, fonds, woningcorporatie
	TypePayable  AccountType = "payable"  // approved claims not yet paid
	TypeTime     AccountType = "time"     // a resident's time account
	TypeWorld    AccountType = "world"    // the outside world: suppliers, payees not otherwise known
	TypeSuspense AccountType = "suspense" // imported bank lines waiting to be matched
)

// AccountTypes lists every type.
var AccountTypes = []AccountType{TypeBank, TypeFund, TypeBudget, TypeIncome, TypeExpense, TypeFunder, TypePayable, TypeTime, TypeWorld, TypeSuspense}

// Account is an account in the chart of a wijk.
type Account struct {
	ID             string
	WijkID         string
	Code           string // hierarchical, hledger-style: "Initiatieven:Buurttuin:Budget"
	Name           string
	Type           AccountType
	Asset          string // asset code
	OrganisationID string // for accounts of an initiative or the wijkcoöperatie
	PersonID       string // for a resident's time account
	// MinBalance is the lowest balance allowed (in the asset's smallest
	// unit), unless AllowOverdraft. Most accounts may not go below 0; a
	// time account may allow -600 minutes, say.
	MinBalance     int64
	AllowOverdraft bool
	Local          bool // a local counterparty, for LM3
	CreatedAt      time.Time
}

var codeRe = func(s string) bool {
	if s == "" || len(s) > 200 || strings.HasPrefix(s, ":") || strings.HasSuffix(s, ":") || strings.Contains(s, "::") {
		return false
	}
	for _, r := range s {
		// hledger separates an account name from the amount by two spaces or a tab.
		if r == '\t' || r == '\n' || r == ';' {
			return false
		}
	}
	return !strings.Contains(s, "  ")
}

// Validate checks an account.
func (a *Account) Validate() error {
	f := wei.FieldErrors{}
	a.Code, a.Name = strings.TrimSpace(a.Code), strings.TrimSpace(a.Name)
	if a.WijkID == "" {
		f.Add("wijk_id", "error.required")
	}
	if !codeRe(a.Code) {
		f.Add("code", "error.account_code")
	}
	if a.Name == "" {
		a.Name = a.Code
	}
	valid := false
	for _, t := range AccountTypes {
		valid = valid || t == a.Type
	}
	if !valid {
		f.Add("type", "error.choice")
	}
	if a.Asset == "" {
		f.Add("asset", "error.required")
	}
	return f.Err()
}

// Posting moves Amount (in the asset's smallest unit; positive is a debit
// to the account, negative a credit) of an asset on one account.
type Posting struct {
	AccountID string
	Asset     string
	Amount    int64
	Memo      string
}

// Transaction is one entry in the books: two or more postings that sum to
// zero per asset.
type Transaction struct {
	ID             string
	WijkID         string
	Seq            int64     // position in the wijk's chain, 1, 2, 3...
	On             time.Time // the day it happened
	Description    string    // public: the purpose, never a private person's name
	Category       string    // e.g. "subsidie", "huur", "materiaal"
	IdempotencyKey string
	ReversesID     string // for a reversal: the transaction it cancels
	PrevHash       string
	Hash           string
	CreatedBy      string
	CreatedAt      time.Time
	Postings       []Posting
}

// Validate checks a transaction before it is booked: at least two postings,
// no zero amounts, and a sum of zero per asset.
func (t *Transaction) Validate() error {
	f := wei.FieldErrors{}
	t.Description, t.Category = strings.TrimSpace(t.Description), strings.TrimSpace(strings.ToLower(t.Category))
	t.IdempotencyKey = strings.TrimSpace(t.IdempotencyKey)
	if t.WijkID == "" {
		f.Add("wijk_id", "error.required")
	}
	if t.On.IsZero() {
		f.Add("on", "error.date")
	}
	if t.Description == "" || len(t.Description) > 500 {
		f.Add("description", "error.required")
	}
	if t.IdempotencyKey == "" || len(t.IdempotencyKey) > 200 {
		f.Add("idempotency_key", "error.required")
	}
	if len(t.Postings) < 2 {
		f.Add("postings", "error.postings_two")
		return f.Err()
	}
	sums := map[string]int64{}
	for _, p := range t.Postings {
		if p.AccountID == "" || p.Asset == "" {
			f.Add("postings", "error.required")
		}
		if p.Amount == 0 {
			f.Add("postings", "error.posting_zero")
		}
		sums[p.Asset] += p.Amount
	}
	for _, s := range sums {
		if s != 0 {
			f.Add("postings", "error.postings_unbalanced")
		}
	}
	return f.Err()
}

// Fingerprint is a canonical text of what a transaction books, without
// its place in the chain: two requests with the same idempotency key must
// have the same fingerprint.
func (t *Transaction) Fingerprint() string {
	ps := append([]Posting(nil), t.Postings...)
	sort.SliceStable(ps, func(i, j int) bool {
		if ps[i].AccountID != ps[j].AccountID {
			return ps[i].AccountID < ps[j].AccountID
		}
		if ps[i].Asset != ps[j].Asset {
			return ps[i].Asset < ps[j].Asset
		}
		return ps[i].Amount < ps[j].Amount
	})
	var b strings.Builder
	fmt.Fprintf(&b, "wijk=%s\non=%s\ndesc=%q\ncat=%q\nreverses=%s\n", t.WijkID, t.On.Format(time.DateOnly), t.Description, t.Category, t.ReversesID)
	for _, p := range ps {
		fmt.Fprintf(&b, "p=%s|%s|%d|%q\n", p.AccountID, p.Asset, p.Amount, p.Memo)
	}
	return b.String()
}

// ChainHash is the hash of a transaction given the hash of the one before
// it: SHA-256 over the previous hash, the sequence number, the ID and the
// fingerprint.
func (t *Transaction) ChainHash(prev string) string {
	h := sha256.New()
	h.Write([]byte(prev))
	h.Write([]byte{'\n'})
	h.Write([]byte(strconv.FormatInt(t.Seq, 10) + "\n" + t.ID + "\n"))
	h.Write([]byte(t.Fingerprint()))
	return hex.EncodeToString(h.Sum(nil))
}

// Reversal returns the transaction that cancels t: the same postings with
// the opposite sign.
func (t *Transaction) Reversal(on time.Time, key, by string) Transaction {
	r := Transaction{WijkID: t.WijkID, On: on, Description: "Correctie: " + t.Description, Category: t.Category,
		IdempotencyKey: key, ReversesID: t.ID, CreatedBy: by}
	for _, p := range t.Postings {
		r.Postings = append(r.Postings, Posting{AccountID: p.AccountID, Asset: p.Asset, Amount: -p.Amount, Memo: p.Memo})
	}
	return r
}

// VerifyChain checks that txs (one wijk, in Seq order from 1) are chained:
// each PrevHash is the Hash before it and each Hash is what ChainHash says.
// It returns the position (1-based, the Seq it should have) of the first
// broken link, or 0 when the chain is intact.
func VerifyChain(txs []Transaction) int64 {
	prev := ""
	for i := range txs {
		t := &txs[i]
		if t.Seq != int64(i+1) || t.PrevHash != prev || t.Hash != t.ChainHash(prev) {
			return int64(i + 1) // the position, not t.Seq: a row tampered to seq 0 must not read as intact
		}
		prev = t.Hash
	}
	return 0
}

// FormatAmount renders an amount of an asset with its decimals, Dutch style
// when comma is true ("1.234,56"), else plain ("1234.56").
func FormatAmount(amount int64, decimals int, comma bool) string {
	neg := amount < 0
	if neg {
		amount = -amount
	}
	s := strconv.FormatInt(amount, 10)
	for len(s) <= decimals {
		s = "0" + s
	}
	intPart, frac := s[:len(s)-decimals], s[len(s)-decimals:]
	sep := "."
	if comma {
		sep = ","
		var g []string
		for len(intPart) > 3 {
			g = append([]string{intPart[len(intPart)-3:]}, g...)
			intPart = intPart[:len(intPart)-3]
		}
		intPart = strings.Join(append([]string{intPart}, g...), ".")
	}
	out := intPart
	if decimals > 0 {
		out += sep + frac
	}
	if neg {
		out = "-" + out
	}
	return out
}

// VerifyChainFrom is VerifyChain for the transactions after a checkpoint:
// txs is the whole chain again, seq and hash a link found intact before.
// It checks that the transaction at seq still has that hash and rehashes
// only the ones after it; seq 0 checks the whole chain. It returns the Seq
// of the first broken link (seq itself when the checkpoint no longer
// matches), or 0.
func VerifyChainFrom(txs []Transaction, seq int64, hash string) int64 {
	if seq <= 0 {
		return VerifyChain(txs)
	}
	if seq > int64(len(txs)) || txs[seq-1].Seq != seq || txs[seq-1].Hash != hash {
		return seq
	}
	prev := hash
	for i := seq; i < int64(len(txs)); i++ {
		t := &txs[i]
		if t.Seq != i+1 || t.PrevHash != prev || t.Hash != t.ChainHash(prev) {
			return i + 1
		}
		prev = t.Hash
	}
	return 0
}
