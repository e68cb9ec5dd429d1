package store_test

import (
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/wei-platform/wei"
	"github.com/wei-platform/wei/internal/store"
)

func TestAPITokenRoundTrip(t *testing.T) {
	t.Parallel()
	forEachDB(t, func(t *testing.T, s *store.Store) {
		clk := newClock(s)
		anna := mustUser(t, s, "anna@example.nl", "Anna")
		plain, tok, err := s.CreateAPIToken(t.Context(), anna.ID, "  laptop ")
		if err != nil {
			t.Fatal(err)
		}
		if !strings.HasPrefix(plain, "wei_") || len(plain) < 40 {
			t.Errorf("plain token=%q, want \"wei_\" and at least 36 random characters", plain)
		}
		want := store.APIToken{ID: tok.ID, UserID: anna.ID, Name: "laptop", CreatedAt: clk.Stored()}
		list, err := s.APITokens(t.Context(), anna.ID)
		if err != nil {
			t.Fatal(err)
		}
		if diff := cmp.Diff([]store.APIToken{want}, list); diff != "" {
			t.Errorf("APITokens mismatch (-want +got):\n%s", diff)
		}

		clk.Add(time.Hour)
		u, err := s.UserByAPIToken(t.Context(), plain)
		if err != nil {
			t.Fatal(err)
		}
		wantUser, err := s.User(t.Context(), anna.ID)
		if err != nil {
			t.Fatal(err)
		}
		if diff := cmp.Diff(wantUser, u); diff != "" {
			t.Errorf("UserByAPIToken mismatch (-want +got):\n%s", diff)
		}
		list, err = s.APITokens(t.Context(), anna.ID)
		if err != nil {
			t.Fatal(err)
		}
		if len(list) != 1 || !list[0].LastUsedAt.Equal(clk.Stored()) {
			t.Errorf("LastUsedAt=%v, want %v", list, clk.Stored())
		}
	})
}

func TestAPITokenValidation(t *testing.T) {
	t.Parallel()
	forEachDB(t, func(t *testing.T, s *store.Store) {
		anna := mustUser(t, s, "anna@example.nl", "Anna")
		tests := []struct {
			name      string
			tokenName string
			userID    string
			code      string
			fields    []string
		}{
			{"no name", "", anna.ID, wei.EINVALID, []string{"name"}},
			{"blank name", "   ", anna.ID, wei.EINVALID, []string{"name"}},
			{"name too long", strings.Repeat("x", 81), anna.ID, wei.EINVALID, []string{"name"}},
			{"unknown user", "laptop", wei.NewID(), wei.EINVALID, nil},
			{"longest name", strings.Repeat("x", 80), anna.ID, "", nil},
		}
		for _, tc := range tests {
			t.Run(tc.name, func(t *testing.T) {
				plain, _, err := s.CreateAPIToken(t.Context(), tc.userID, tc.tokenName)
				if tc.fields != nil {
					wantInvalid(t, err, tc.fields...)
				} else {
					wantCode(t, err, tc.code)
				}
				if tc.code != "" && plain != "" {
					t.Errorf("plain token=%q on error, want \"\"", plain)
				}
			})
		}
	})
}

func TestAPITokenRevoke(t *testing.T) {
	t.Parallel()
	forEachDB(t, func(t *testing.T, s *store.Store) {
		clk := newClock(s)
		anna := mustUser(t, s, "anna@example.nl", "Anna")
		bert := mustUser(t, s, "bert@example.nl", "Bert")
		plain, tok, err := s.CreateAPIToken(t.Context(), anna.ID, "laptop")
		if err != nil {
			t.Fatal(err)
		}
		otherPlain, _, err := s.CreateAPIToken(t.Context(), anna.ID, "phone")
		if err != nil {
			t.Fatal(err)
		}
		clk.Add(time.Minute)
		tests := []struct {
			name      string
			userID    string
			id        string
			code      string
			stillWork bool
		}{
			{"by another user", bert.ID, tok.ID, wei.ENOTFOUND, true},
			{"unknown", anna.ID, wei.NewID(), wei.ENOTFOUND, true},
			{"by the owner", anna.ID, tok.ID, "", false},
			{"twice", anna.ID, tok.ID, wei.ENOTFOUND, false},
		}
		for _, tc := range tests {
			t.Run(tc.name, func(t *testing.T) {
				wantCode(t, s.RevokeAPIToken(t.Context(), tc.userID, tc.id), tc.code)
				_, err := s.UserByAPIToken(t.Context(), plain)
				if works := err == nil; works != tc.stillWork {
					t.Errorf("token works=%v, want %v (err=%v)", works, tc.stillWork, err)
				}
				if !tc.stillWork {
					wantCode(t, err, wei.ENOTFOUND)
				}
			})
		}
		if _, err := s.UserByAPIToken(t.Context(), otherPlain); err != nil {
			t.Errorf("UserByAPIToken(other token of owner)=%v, want nil", err)
		}
		list, err := s.APITokens(t.Context(), anna.ID)
		if err != nil {
			t.Fatal(err)
		}
		revoked := map[string]time.Time{}
		for _, x := range list {
			revoked[x.Name] = x.RevokedAt
		}
		if diff := cmp.Diff(map[string]time.Time{"laptop": clk.Stored(), "phone": {}}, revoked); diff != "" {
			t.Errorf("RevokedAt by name mismatch (-want +got):\n%s", diff)
		}
	})
}

func TestAPITokenUnknown(t *testing.T) {
	t.Parallel()
	forEachDB(t, func(t *testing.T, s *store.Store) {
		anna := mustUser(t, s, "anna@example.nl", "Anna")
		plain, _, err := s.CreateAPIToken(t.Context(), anna.ID, "laptop")
		if err != nil {
			t.Fatal(err)
		}
		for _, tok := range []string{"", "wei_", "wei_" + wei.RandomToken(24), plain + "x", strings.TrimPrefix(plain, "wei_")} {
			t.Run(tok, func(t *testing.T) {
				_, err := s.UserByAPIToken(t.Context(), tok)
				wantCode(t, err, wei.ENOTFOUND)
			})
		}
	})
}

func TestAPITokensNewestFirst(t *testing.T) {
	t.Parallel()
	forEachDB(t, func(t *testing.T, s *store.Store) {
		clk := newClock(s)
		anna := mustUser(t, s, "anna@example.nl", "Anna")
		bert := mustUser(t, s, "bert@example.nl", "Bert")
		for _, name := range []string{"first", "second", "third"} {
			if _, _, err := s.CreateAPIToken(t.Context(), anna.ID, name); err != nil {
				t.Fatal(err)
			}
			clk.Add(time.Second)
		}
		if _, _, err := s.CreateAPIToken(t.Context(), bert.ID, "bert's"); err != nil {
			t.Fatal(err)
		}
		list, err := s.APITokens(t.Context(), anna.ID)
		if err != nil {
			t.Fatal(err)
		}
		var names []string
		for _, x := range list {
			names = append(names, x.Name)
		}
		if diff := cmp.Diff([]string{"third", "second", "first"}, names); diff != "" {
			t.Errorf("APITokens order mismatch (-want +got):\n%s", diff)
		}
	})
}
