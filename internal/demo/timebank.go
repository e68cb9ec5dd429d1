package demo

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/wei-platform/wei/internal/store"
	"github.com/wei-platform/wei/ledger"
	"github.com/wei-platform/wei/wijk"
)

// The demo's local currency and volunteer rewards, beside the exchanges
// of hours between residents that books.go books: the wijk's own
// currency, the Akkertje (AKK, in cents), which the wijk issues to the
// initiatiefnemer's Buurttuin; the Buurttuin thanks its first volunteers
// with hours and Akkertjes; and the two residents with a demo account pay
// a little in Akkertjes. Everything is booked on the day of seeding, after
// the rest of the books, through the store as a user would.

// LocalCurrency is the local currency of the demo wijk.
var LocalCurrency = ledger.Asset{Code: "AKK", Name: "Akkertje", Kind: ledger.KindLocal, Decimals: 2}

const (
	demoIssue      = 150_00 // Akkertjes the wijk gives the Buurttuin
	demoRewardMin  = 120    // minutes each volunteer is thanked with
	demoRewardAKK  = 10_00  // and Akkertjes
	demoVolunteers = 3      // how many volunteers are thanked
)

// SeedTimebank adds the local currency and the volunteer rewards to the
// demo wijk that Seed made, dated on the day of now. Its bookings have
// their own idempotency keys, so a second run on the same day books
// nothing twice.
func SeedTimebank(ctx context.Context, s *store.Store, wijkID string, now time.Time) error {
	defer s.SetClock(time.Now)
	users := map[string]string{}
	for _, a := range []staffSpec{penningmeester, initiatiefnemer, bewoner} {
		u, err := s.UserByEmail(ctx, a.email)
		if err != nil {
			return fmt.Errorf("demo: time bank: %s: %w", a.email, err)
		}
		users[a.email] = u.ID
	}
	people, err := s.People(ctx, wijkID)
	if err != nil {
		return err
	}
	byName := map[string]wijk.Person{}
	for _, p := range people {
		byName[p.DisplayName] = p
	}
	naima, ria := byName[initiatiefnemer.name], byName[bewoner.name]
	orgs, err := s.Organisations(ctx, wijkID)
	if err != nil {
		return err
	}
	i := slices.IndexFunc(orgs, func(o wijk.Organisation) bool { return o.Name == initiatives[iBuurttuin].name })
	if naima.ID == "" || ria.ID == "" || i < 0 {
		return errors.New("demo: time bank: the demo wijk lacks its initiatiefnemer, bewoner or Buurttuin")
	}
	tuin := orgs[i]

	// The Buurttuin's volunteers: its active members, but not the
	// initiatiefnemer who thanks them, by name for a fixed order.
	members, err := s.MembershipsOfOrganisation(ctx, tuin.ID)
	if err != nil {
		return err
	}
	var volunteers []store.MembershipView
	for _, m := range members {
		if m.Active() && m.PersonID != naima.ID && !slices.ContainsFunc(volunteers, func(v store.MembershipView) bool { return v.PersonID == m.PersonID }) {
			volunteers = append(volunteers, m)
		}
	}
	slices.SortFunc(volunteers, func(a, b store.MembershipView) int { return strings.Compare(a.PersonName, b.PersonName) })
	volunteers = volunteers[:min(len(volunteers), demoVolunteers)]

	// After the last booking of the books, on the day of seeding.
	seq, _, err := s.LedgerHead(ctx, wijkID)
	if err != nil {
		return err
	}
	last := now.Add(-time.Hour)
	if txs, err := s.LedgerTransactions(ctx, wijkID, time.Time{}, time.Time{}); err != nil {
		return err
	} else if len(txs) > 0 && int64(len(txs)) == seq && txs[len(txs)-1].CreatedAt.After(last) {
		last = txs[len(txs)-1].CreatedAt
	}
	if last.After(now) {
		last = now
	}
	day := time.Date(now.Year(), now.Month(), now.Day(), 0, 0, 0, 0, time.UTC)
	n := 0
	next := func() (time.Time, string) {
		n++
		at := last.Add(time.Duration(n) * time.Second)
		if at.After(now) {
			at = now
		}
		setClock(s, at)
		return day, fmt.Sprintf("demo-tijdbank-%d", n)
	}

	setClock(s, last)
	cur := LocalCurrency
	cur.WijkID = wijkID
	if err := s.EnsureLocalCurrency(ctx, cur); err != nil {
		return fmt.Errorf("demo: local currency: %w", err)
	}
	acct, err := s.InitiativeLocalAccount(ctx, wijkID, tuin.ID)
	if err != nil {
		return err
	}
	on, key := next()
	if _, err := s.IssueLocal(ctx, wijkID, acct.ID, demoIssue, on, "Akkertjes om vrijwilligers te bedanken", key, users[penningmeester.email]); err != nil {
		return fmt.Errorf("demo: issue local currency: %w", err)
	}
	for _, v := range volunteers {
		for _, r := range []struct {
			asset   string
			amount  int64
			purpose string
		}{
			{ledger.Time, demoRewardMin, "Dank voor het werk in de moestuin"},
			{cur.Code, demoRewardAKK, "Dank in Akkertjes voor het werk in de moestuin"},
		} {
			on, key := next()
			if _, err := s.RewardVolunteer(ctx, wijkID, tuin.ID, v.PersonID, r.asset, r.amount, on, r.purpose, key, users[initiatiefnemer.email]); err != nil {
				return fmt.Errorf("demo: reward a volunteer: %w", err)
			}
		}
	}
	// The bewoner buys plants from the Buurttuin's initiatiefnemer.
	on, key = next()
	if _, err := s.PayLocal(ctx, wijkID, ria.ID, naima.ID, 7_50, on, "Plantjes uit de moestuin", key, users[bewoner.email]); err != nil {
		return fmt.Errorf("demo: pay in the local currency: %w", err)
	}
	for _, p := range []wijk.Person{naima, ria} {
		if _, err := s.TimebankCode(ctx, wijkID, p.ID); err != nil {
			return err
		}
	}
	return nil
}
