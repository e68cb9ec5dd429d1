package store_test

import (
	"testing"
	"time"

	"github.com/wei-platform/wei"
	"github.com/wei-platform/wei/internal/store"
	"github.com/wei-platform/wei/privacy"
	"github.com/wei-platform/wei/wijk"
)

// TestTimebankCodeExportAndErase: the AVG download holds the tijdbank-codes
// of the user's resident records, in every wijk, and no one else's;
// erasing the account, or a coordinator erasing one resident record,
// removes the code, so that it no longer leads to the person, while the
// codes of others keep working.
func TestTimebankCodeExportAndErase(t *testing.T) {
	t.Parallel()
	forEachDB(t, func(t *testing.T, s *store.Store) {
		clk := newClock(s)
		ctx := t.Context()
		w, other := mustWijk(t, s, "tijd-avg", "Tijdwijk"), mustWijk(t, s, "tijd-avg-2", "Andere wijk")
		user := mustUser(t, s, "karin@example.org", "Karin")
		resident := func(wijkID, name, userID string) (wijk.Person, string) {
			t.Helper()
			p := wijk.Person{WijkID: wijkID, UserID: userID, DisplayName: name, ConsentAt: t0}
			if err := s.CreatePerson(ctx, &p); err != nil {
				t.Fatal(err)
			}
			code, err := s.TimebankCode(ctx, wijkID, p.ID)
			if err != nil {
				t.Fatal(err)
			}
			return p, code
		}
		_, here := resident(w.ID, "Karin Bakker", user.ID)
		madeHere := clk.Stored()
		clk.Add(time.Hour)
		there, elsewhere := resident(other.ID, "Karin B.", user.ID)
		aziz, azizCode := resident(w.ID, "Aziz", "")
		mustUser(t, s, "aziz@example.org", "Aziz") // an account without resident records

		x, err := s.ExportUser(ctx, user.ID, "req-export")
		if err != nil {
			t.Fatal(err)
		}
		want := []privacy.ExportTimebank{{Wijk: "Tijdwijk", Code: store.FormatTimebankCode(here), CreatedAt: madeHere},
			{Wijk: "Andere wijk", Code: store.FormatTimebankCode(elsewhere), CreatedAt: clk.Stored()}}
		if len(x.Timebank) != len(want) {
			t.Fatalf("exported tijdbank-codes %+v, want %+v", x.Timebank, want)
		}
		for i, e := range x.Timebank {
			if e.Wijk != want[i].Wijk || e.Code != want[i].Code || !e.CreatedAt.Equal(want[i].CreatedAt) {
				t.Errorf("exported tijdbank-code %d = %+v, want %+v", i, e, want[i])
			}
			if e.Code == store.FormatTimebankCode(azizCode) {
				t.Errorf("another resident's code is in the download")
			}
		}

		// A coordinator erases one resident record: its code goes.
		if err := s.ErasePerson(ctx, other.ID, there.ID, "", "req-erase-person"); err != nil {
			t.Fatal(err)
		}
		if x, err := s.ExportUser(ctx, user.ID, "req-export-2"); err != nil || len(x.Timebank) != 1 || x.Timebank[0].Code != store.FormatTimebankCode(here) {
			t.Errorf("after erasing one resident record the download holds the codes %+v (%v), want only %s", x.Timebank, err, here)
		}
		_, err = s.PersonByTimebankCode(ctx, other.ID, elsewhere)
		wantCode(t, err, wei.ENOTFOUND)

		// The account is erased: no code of it is kept.
		if err := s.EraseUser(ctx, user.ID, user.ID, "req-erase"); err != nil {
			t.Fatal(err)
		}
		if x, err := s.ExportUser(ctx, user.ID, "req-export-3"); err != nil || len(x.Timebank) != 0 {
			t.Errorf("after erasure the codes %+v (%v) are still kept", x.Timebank, err)
		}
		_, err = s.PersonByTimebankCode(ctx, w.ID, here)
		wantCode(t, err, wei.ENOTFOUND)

		// The other resident keeps their code.
		if p, err := s.PersonByTimebankCode(ctx, w.ID, azizCode); err != nil || p.ID != aziz.ID {
			t.Errorf("the other resident's code leads to %q (%v), want Aziz", p.ID, err)
		}
		if code, err := s.TimebankCode(ctx, w.ID, aziz.ID); err != nil || code != azizCode {
			t.Errorf("the other resident's code is now %q (%v), want %q", code, err, azizCode)
		}
	})
}
