package store_test

import (
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/wei-platform/wei"
	"github.com/wei-platform/wei/internal/store"
)

// mustSession starts a session of a day for the user.
func mustSession(t testing.TB, s *store.Store, userID string) string {
	t.Helper()
	tok, _, err := s.CreateSession(t.Context(), userID, 24*time.Hour)
	if err != nil {
		t.Fatalf("CreateSession: %v", err)
	}
	return tok
}

func TestSessionRoundTrip(t *testing.T) {
	t.Parallel()
	forEachDB(t, func(t *testing.T, s *store.Store) {
		clk := newClock(s)
		anna := mustUser(t, s, "anna@example.nl", "Anna")
		clk.Add(time.Hour)
		tok, sess, err := s.CreateSession(t.Context(), anna.ID, 24*time.Hour)
		if err != nil {
			t.Fatal(err)
		}
		if len(tok) < 32 || sess.CSRFToken == "" || sess.CSRFToken == tok {
			t.Fatalf("token, CSRF=%q, %q, want two different long random tokens", tok, sess.CSRFToken)
		}
		want := store.Session{UserID: anna.ID, CSRFToken: sess.CSRFToken, CreatedAt: clk.Stored(), ExpiresAt: clk.Stored().Add(24 * time.Hour)}
		got, err := s.SessionByToken(t.Context(), tok)
		if err != nil {
			t.Fatal(err)
		}
		if diff := cmp.Diff(want, got); diff != "" {
			t.Errorf("SessionByToken mismatch (-want +got):\n%s", diff)
		}
		u, err := s.User(t.Context(), anna.ID)
		if err != nil {
			t.Fatal(err)
		}
		if !u.LastLoginAt.Equal(clk.Stored()) {
			t.Errorf("LastLoginAt=%v, want %v", u.LastLoginAt, clk.Stored())
		}
		other := mustSession(t, s, anna.ID)
		if other == tok {
			t.Errorf("second token=%q, want a new one", other)
		}
	})
}

func TestSessionExpires(t *testing.T) {
	t.Parallel()
	forEachDB(t, func(t *testing.T, s *store.Store) {
		clk := newClock(s)
		anna := mustUser(t, s, "anna@example.nl", "Anna")
		tok, _, err := s.CreateSession(t.Context(), anna.ID, time.Hour)
		if err != nil {
			t.Fatal(err)
		}
		tests := []struct {
			name  string
			after time.Duration
			code  string
		}{
			{"just before expiry", time.Hour - time.Millisecond, ""},
			{"at expiry", time.Millisecond, wei.ENOTFOUND},
			{"long after", 30 * 24 * time.Hour, wei.ENOTFOUND},
		}
		for _, tc := range tests {
			t.Run(tc.name, func(t *testing.T) {
				clk.Add(tc.after)
				_, err := s.SessionByToken(t.Context(), tok)
				wantCode(t, err, tc.code)
			})
		}
	})
}

func TestSessionEnds(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name string
		end  func(t *testing.T, s *store.Store, userID, tok string)
		// wantSibling is whether the user's other session survives.
		wantSibling bool
	}{
		{"DeleteSession", func(t *testing.T, s *store.Store, _, tok string) {
			if err := s.DeleteSession(t.Context(), tok); err != nil {
				t.Fatal(err)
			}
		}, true},
		{"SetPassword", func(t *testing.T, s *store.Store, userID, _ string) {
			if err := s.SetPassword(t.Context(), userID, "$argon2id$new"); err != nil {
				t.Fatal(err)
			}
		}, false},
		{"EraseUser", func(t *testing.T, s *store.Store, userID, _ string) {
			if err := s.EraseUser(t.Context(), userID, userID, ""); err != nil {
				t.Fatal(err)
			}
		}, false},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			forEachDB(t, func(t *testing.T, s *store.Store) {
				anna := mustUser(t, s, "anna@example.nl", "Anna")
				bert := mustUser(t, s, "bert@example.nl", "Bert")
				tok := mustSession(t, s, anna.ID)
				sibling := mustSession(t, s, anna.ID)
				bertTok := mustSession(t, s, bert.ID)

				tc.end(t, s, anna.ID, tok)

				_, err := s.SessionByToken(t.Context(), tok)
				wantCode(t, err, wei.ENOTFOUND)
				_, err = s.SessionByToken(t.Context(), sibling)
				if got := err == nil; got != tc.wantSibling {
					t.Errorf("other session of the user alive=%v, want %v (err=%v)", got, tc.wantSibling, err)
				}
				if _, err := s.SessionByToken(t.Context(), bertTok); err != nil {
					t.Errorf("SessionByToken(other user)=%v, want nil", err)
				}
			})
		})
	}
}

func TestSessionErrors(t *testing.T) {
	t.Parallel()
	forEachDB(t, func(t *testing.T, s *store.Store) {
		anna := mustUser(t, s, "anna@example.nl", "Anna")
		tok := mustSession(t, s, anna.ID)
		t.Run("unknown token", func(t *testing.T) {
			_, err := s.SessionByToken(t.Context(), wei.RandomToken(32))
			wantCode(t, err, wei.ENOTFOUND)
		})
		t.Run("empty token", func(t *testing.T) {
			_, err := s.SessionByToken(t.Context(), "")
			wantCode(t, err, wei.ENOTFOUND)
		})
		t.Run("token hash is not the token", func(t *testing.T) {
			// Only the hash is stored: a different token with the same prefix must not match.
			_, err := s.SessionByToken(t.Context(), tok[:len(tok)-1])
			wantCode(t, err, wei.ENOTFOUND)
		})
		t.Run("unknown user", func(t *testing.T) {
			_, _, err := s.CreateSession(t.Context(), wei.NewID(), time.Hour)
			wantCode(t, err, wei.EINVALID)
		})
		t.Run("delete unknown token", func(t *testing.T) {
			if err := s.DeleteSession(t.Context(), wei.RandomToken(32)); err != nil {
				t.Errorf("DeleteSession(unknown)=%v, want nil (logging out twice is fine)", err)
			}
		})
	})
}

func TestDeleteExpired(t *testing.T) {
	t.Parallel()
	forEachDB(t, func(t *testing.T, s *store.Store) {
		clk := newClock(s)
		anna := mustUser(t, s, "anna@example.nl", "Anna")
		short, _, err := s.CreateSession(t.Context(), anna.ID, time.Hour)
		if err != nil {
			t.Fatal(err)
		}
		long, _, err := s.CreateSession(t.Context(), anna.ID, 48*time.Hour)
		if err != nil {
			t.Fatal(err)
		}
		link, _, err := s.CreateLoginToken(t.Context(), store.LoginRequest{Email: "anna@example.nl"}, 15*time.Minute)
		if err != nil {
			t.Fatal(err)
		}
		if ok, err := s.Allow(t.Context(), "login:anna", 1, 48*time.Hour); err != nil || !ok {
			t.Fatalf("Allow=%v, %v, want true, nil", ok, err)
		}

		clk.Add(25 * time.Hour)
		if err := s.DeleteExpired(t.Context()); err != nil {
			t.Fatal(err)
		}
		// Turn the clock back: what was deleted stays gone, what was live stays.
		s.SetClock(func() time.Time { return t0 })
		if _, err := s.SessionByToken(t.Context(), short); wei.ErrorCode(err) != wei.ENOTFOUND {
			t.Errorf("ErrorCode(SessionByToken(expired, deleted))=%q, want %q", wei.ErrorCode(err), wei.ENOTFOUND)
		}
		if _, err := s.SessionByToken(t.Context(), long); err != nil {
			t.Errorf("SessionByToken(live)=%v, want nil", err)
		}
		if ok, err := s.LoginLinkValid(t.Context(), link); err != nil || ok {
			t.Errorf("LoginLinkValid(expired, deleted)=%v, %v, want false, nil", ok, err)
		}
		// The rate-limit hit is older than a day, so it is gone and the bucket is free again.
		if ok, err := s.Allow(t.Context(), "login:anna", 1, 48*time.Hour); err != nil || !ok {
			t.Errorf("Allow after DeleteExpired=%v, %v, want true, nil", ok, err)
		}
	})
}
