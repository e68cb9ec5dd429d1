package store_test

import (
	"fmt"
	"testing"
	"time"

	"github.com/wei-platform/wei/dialoog"
	"github.com/wei-platform/wei/internal/store"
	"github.com/wei-platform/wei/wijk"
)

// The queries of the "u zei, wij deden" page on a wijk with 20,000
// inputs (60% answered): the counts per status, the first page of 50, a
// page deep in the list and a page of the overdue filter. The web
// benchmark (BenchmarkInputsPublic) adds the rendering on SQLite.
//
//	WEI_TEST_POSTGRES_URL=... go test -run xxx -bench InputsPage -benchtime 100x ./internal/store/
func BenchmarkInputsPageSQLite(b *testing.B)   { benchInputsPage(b, OpenTestSQLite(b)) }
func BenchmarkInputsPagePostgres(b *testing.B) { benchInputsPage(b, OpenTestPostgres(b)) }

func benchInputsPage(b *testing.B, s *store.Store) {
	ctx := b.Context()
	w := mustWijk(b, s, "bench", "Benchwijk")
	owner := mustOrganisationNow(b, s, w.ID, "Gemeente", wijk.FormPartner)
	pm := mustUser(b, s, "bench-pm@example.org", "Procesmanager")
	const n, dialogues = 20000, 40
	start := time.Now().AddDate(-2, 0, 0)
	began := time.Now()
	var ids []string
	for i := range dialogues {
		at := start.AddDate(0, 0, i*18)
		s.SetClock(func() time.Time { return at })
		d := dialoog.Dialogue{WijkID: w.ID, Kind: dialoog.KindSession, Theme: fmt.Sprintf("Dialoog %d", i), HeldOn: at.Format(dialoog.DateLayout),
			Place: "Buurthuis", OwnerOrgID: owner.ID, AnswerDays: 28, CreatedBy: pm.ID}
		if err := s.CreateDialogue(ctx, &d); err != nil {
			b.Fatal(err)
		}
		ids = append(ids, d.ID)
	}
	for i := range n {
		at := start.Add(time.Duration(i) * (2 * 365 * 24 * time.Hour / n))
		s.SetClock(func() time.Time { return at })
		in := dialoog.Input{DialogueID: ids[i*dialogues/n], Kind: dialoog.InputKinds[i%3], EnteredBy: pm.ID, OnBehalf: true,
			Body: fmt.Sprintf("Inbreng %d: meer groen, minder verkeer en een plek om elkaar te ontmoeten.", i)}
		if err := s.CreateInput(ctx, &in); err != nil {
			b.Fatal(err)
		}
		if i%5 < 3 {
			c := dialoog.Change{Status: dialoog.StatusAnswered, Answer: "We pakken dit op en melden het resultaat hier.", OwnerOrgID: owner.ID, DueOn: in.DueOn}
			if _, err := s.ChangeInput(ctx, w.ID, in.ID, c, pm.ID); err != nil {
				b.Fatal(err)
			}
		}
	}
	s.SetClock(time.Now)
	b.Logf("%s: seeded %d inputs in %s", s.Dialect(), n, time.Since(began).Round(time.Millisecond))
	today := time.Now().Format(dialoog.DateLayout)
	for _, tc := range []struct {
		name   string
		f      store.InputFilter
		offset int
	}{{"first", store.InputFilter{}, 0}, {"page200", store.InputFilter{}, 199 * 50}, {"overdue", store.InputFilter{Overdue: true, Today: today}, 19 * 50}} {
		b.Run(tc.name, func(b *testing.B) {
			for b.Loop() {
				if _, err := s.WijkInputCounts(ctx, w.ID, today); err != nil {
					b.Fatal(err)
				}
				list, _, err := s.WijkInputs(ctx, w.ID, tc.f, 50, tc.offset)
				if err != nil || len(list) != 50 {
					b.Fatalf("%d inputs, %v", len(list), err)
				}
			}
		})
	}
}
