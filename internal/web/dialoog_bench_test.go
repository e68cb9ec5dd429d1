package web

import (
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"testing"
	"time"

	"github.com/wei-platform/wei/dialoog"
)

// BenchmarkInputsPublic renders the public "u zei, wij deden" page of a
// wijk with 20,000 inputs in 40 dialogues over two years (60% answered,
// the rest open, many of them overdue), anonymously: the counts per
// status, then a page of 50 inputs — the first page, a page deep in the
// list, and the overdue filter.
//
//	go test -run xxx -bench InputsPublic -benchtime 200x ./internal/web/
func BenchmarkInputsPublic(b *testing.B) {
	f := newFixture(b)
	ctx := context.Background()
	const n, dialogues = 20000, 40
	start := time.Now().AddDate(-2, 0, 0)
	pm := f.users["procesmanager"].ID
	seeded := time.Now()
	var ids []string
	for i := range dialogues {
		at := start.AddDate(0, 0, i*18)
		f.store.SetClock(func() time.Time { return at })
		d := dialoog.Dialogue{WijkID: f.wijk.ID, Kind: dialoog.KindSession, Theme: fmt.Sprintf("Dialoog %d", i), HeldOn: at.Format(dialoog.DateLayout),
			Place: "Buurthuis", OwnerOrgID: f.partner.ID, AnswerDays: 28, CreatedBy: pm}
		if err := f.store.CreateDialogue(ctx, &d); err != nil {
			b.Fatal(err)
		}
		ids = append(ids, d.ID)
	}
	for i := range n {
		at := start.Add(time.Duration(i) * (2 * 365 * 24 * time.Hour / n))
		f.store.SetClock(func() time.Time { return at })
		in := dialoog.Input{DialogueID: ids[i*dialogues/n], Kind: dialoog.InputKinds[i%3], EnteredBy: pm, OnBehalf: true,
			Body: fmt.Sprintf("Inbreng %d: meer groen, minder verkeer en een plek om elkaar te ontmoeten in de buurt.", i)}
		if err := f.store.CreateInput(ctx, &in); err != nil {
			b.Fatal(err)
		}
		if i%5 < 3 {
			c := dialoog.Change{Status: dialoog.StatusAnswered, Answer: "We pakken dit op met de bewoners en melden het resultaat hier.", OwnerOrgID: in.OwnerOrgID, DueOn: in.DueOn}
			if _, err := f.store.ChangeInput(ctx, f.wijk.ID, in.ID, c, pm); err != nil {
				b.Fatal(err)
			}
		}
	}
	f.store.SetClock(time.Now)
	b.Logf("seeded %d inputs in %s", n, time.Since(seeded).Round(time.Millisecond))
	for _, tc := range []struct{ name, query string }{{"first", ""}, {"page200", "?pagina=200"}, {"overdue", "?te-laat=1&pagina=20"}} {
		b.Run(tc.name, func(b *testing.B) {
			get := func() *httptest.ResponseRecorder {
				rec := httptest.NewRecorder()
				f.h.ServeHTTP(rec, httptest.NewRequest(http.MethodGet, "/w/test-wijk/u-zei-wij-deden"+tc.query, nil))
				return rec
			}
			if rec := get(); rec.Code != http.StatusOK {
				b.Fatalf("status %d", rec.Code)
			}
			b.ReportAllocs()
			for b.Loop() {
				get()
			}
		})
	}
}
