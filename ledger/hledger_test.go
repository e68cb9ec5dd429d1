package ledger

import (
	"bytes"
	"encoding/csv"
	"fmt"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// TestJournalBalancesMatchHledger writes a random ledger as a journal and
// has hledger itself compute the balances, which must equal WEI's. CI sets
// WEI_TEST_HLEDGER=1 so that a missing hledger fails instead of skipping.
func TestJournalBalancesMatchHledger(t *testing.T) {
	bin, err := exec.LookPath("hledger")
	if err != nil {
		if os.Getenv("WEI_TEST_HLEDGER") != "" {
			t.Fatal("WEI_TEST_HLEDGER is set but hledger is not installed")
		}
		t.Skip("hledger is not installed (apt-get install hledger): skipping the comparison with hledger")
	}
	assets := []Asset{{Code: EUR, Decimals: 2, Kind: KindEuro}, {Code: Time, Decimals: 0, Kind: KindTime}, {Code: "AKK", Decimals: 1, Kind: KindLocal}}
	accounts := map[string]Account{}
	var ids []string
	for i, code := range []string{"Bank", "Wijkbudget", "Initiatieven:Buurttuin:Budget", "Initiatieven:Buurttuin:Uitgaven", "Fondsen:Gemeente", "Wereld"} {
		id := fmt.Sprintf("a%d", i)
		accounts[id] = Account{ID: id, Code: code, Asset: EUR}
		ids = append(ids, id)
	}
	accounts["t1"] = Account{ID: "t1", Code: "Tijd:Ria", Asset: Time}
	accounts["t2"] = Account{ID: "t2", Code: "Tijd:Aziz", Asset: Time}
	accounts["l1"] = Account{ID: "l1", Code: "Akkertje:Kookclub", Asset: "AKK"}
	accounts["l2"] = Account{ID: "l2", Code: "Akkertje:Bakker", Asset: "AKK"}
	r := rand.New(rand.NewPCG(1, 2))
	var txs []Transaction
	day := time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC)
	for i := range 300 {
		t := Transaction{Seq: int64(i + 1), On: day.AddDate(0, 0, i/3), Description: fmt.Sprintf("Boeking %d; met puntkomma", i), Hash: "h"}
		switch i % 5 {
		case 0:
			t.Postings = []Posting{{AccountID: "t1", Asset: Time, Amount: int64(15 + r.IntN(120))}}
			t.Postings = append(t.Postings, Posting{AccountID: "t2", Asset: Time, Amount: -t.Postings[0].Amount})
		case 1:
			t.Postings = []Posting{{AccountID: "l1", Asset: "AKK", Amount: int64(1 + r.IntN(999))}}
			t.Postings = append(t.Postings, Posting{AccountID: "l2", Asset: "AKK", Amount: -t.Postings[0].Amount})
		default:
			a, b, c := ids[r.IntN(len(ids))], ids[r.IntN(len(ids))], ids[r.IntN(len(ids))]
			x, y := int64(r.IntN(2_000_000)-1_000_000), int64(r.IntN(50_000)+1)
			t.Postings = []Posting{{AccountID: a, Asset: EUR, Amount: x}, {AccountID: b, Asset: EUR, Amount: y}, {AccountID: c, Asset: EUR, Amount: -x - y}}
		}
		txs = append(txs, t)
	}
	path := filepath.Join(t.TempDir(), "export.journal")
	var buf bytes.Buffer
	if err := WriteJournal(&buf, "Test", txs, accounts, assets); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, buf.Bytes(), 0o600); err != nil {
		t.Fatal(err)
	}
	out, err := exec.Command(bin, "-f", path, "bal", "--flat", "--no-total", "-O", "csv").CombinedOutput()
	if err != nil {
		t.Fatalf("hledger: %v\n%s", err, out)
	}
	rows, err := csv.NewReader(bytes.NewReader(out)).ReadAll()
	if err != nil {
		t.Fatalf("hledger csv: %v\n%s", err, out)
	}
	got := map[string]string{}
	for _, row := range rows[1:] {
		got[row[0]] = row[1]
	}
	want := map[string]string{}
	for id, m := range Balances(txs) {
		a := accounts[id]
		for asset, v := range m {
			if v == 0 {
				continue
			}
			d := 0
			for _, as := range assets {
				if as.Code == asset {
					d = as.Decimals
				}
			}
			want[a.Code] = FormatAmount(v, d, false) + " " + asset
		}
	}
	for code, w := range want {
		g := strings.ReplaceAll(got[code], ",", "")
		if g != w {
			t.Errorf("%s: hledger says %q, WEI says %q", code, got[code], w)
		}
	}
	if len(got) != len(want) {
		t.Errorf("hledger lists %d accounts, WEI %d:\n%s", len(got), len(want), out)
	}
}
