package store_test

import (
	"fmt"
	"regexp"
	"strconv"
	"sync"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/wei-platform/wei"
	"github.com/wei-platform/wei/internal/store"
)

const loginTTL = 15 * time.Minute

// mustLoginToken makes a login link and code for the request.
func mustLoginToken(t testing.TB, s *store.Store, req store.LoginRequest) (link, code string) {
	t.Helper()
	link, code, err := s.CreateLoginToken(t.Context(), req, loginTTL)
	if err != nil {
		t.Fatalf("CreateLoginToken: %v", err)
	}
	return link, code
}

// wrongCode returns a six-digit code that is not code.
func wrongCode(code string) string {
	n, _ := strconv.Atoi(code)
	return fmt.Sprintf("%06d", (n+1)%1000000)
}

func TestLoginLink(t *testing.T) {
	t.Parallel()
	forEachDB(t, func(t *testing.T, s *store.Store) {
		newClock(s)
		link, code := mustLoginToken(t, s, store.LoginRequest{Email: " Anna@Example.NL ", SignupName: "Anna", SignupWijk: "noord"})
		if !regexp.MustCompile(`^[0-9]{6}$`).MatchString(code) {
			t.Errorf("code=%q, want six digits", code)
		}
		if len(link) < 32 {
			t.Errorf("len(link)=%d, want at least 32", len(link))
		}
		// Looking at the link (mail scanners, the confirm page) does not use it up.
		for i := range 3 {
			if ok, err := s.LoginLinkValid(t.Context(), link); err != nil || !ok {
				t.Fatalf("LoginLinkValid #%d=%v, %v, want true, nil", i, ok, err)
			}
		}
		got, err := s.UseLoginLink(t.Context(), link)
		if err != nil {
			t.Fatal(err)
		}
		want := store.LoginRequest{Email: "anna@example.nl", SignupName: "Anna", SignupWijk: "noord"}
		if diff := cmp.Diff(want, got); diff != "" {
			t.Errorf("UseLoginLink mismatch (-want +got):\n%s", diff)
		}
		if ok, err := s.LoginLinkValid(t.Context(), link); err != nil || ok {
			t.Errorf("LoginLinkValid after use=%v, %v, want false, nil", ok, err)
		}
		_, err = s.UseLoginLink(t.Context(), link)
		wantInvalid(t, err, "link")
		// The link and the code are one token: using the link spends the code.
		_, err = s.UseLoginCode(t.Context(), "anna@example.nl", code)
		wantInvalid(t, err, "link")
	})
}

func TestLoginLinkUnknown(t *testing.T) {
	t.Parallel()
	forEachDB(t, func(t *testing.T, s *store.Store) {
		mustLoginToken(t, s, store.LoginRequest{Email: "anna@example.nl"})
		unknown := wei.RandomToken(32)
		if ok, err := s.LoginLinkValid(t.Context(), unknown); err != nil || ok {
			t.Errorf("LoginLinkValid(unknown)=%v, %v, want false, nil", ok, err)
		}
		_, err := s.UseLoginLink(t.Context(), unknown)
		wantInvalid(t, err, "link")
		_, err = s.UseLoginCode(t.Context(), "bert@example.nl", "123456")
		wantInvalid(t, err, "link")
	})
}

func TestLoginTokenNewVoidsOlder(t *testing.T) {
	t.Parallel()
	forEachDB(t, func(t *testing.T, s *store.Store) {
		oldLink, oldCode := mustLoginToken(t, s, store.LoginRequest{Email: "anna@example.nl"})
		bertLink, _ := mustLoginToken(t, s, store.LoginRequest{Email: "bert@example.nl"})
		newLink, newCode := mustLoginToken(t, s, store.LoginRequest{Email: "ANNA@example.nl"})

		if ok, err := s.LoginLinkValid(t.Context(), oldLink); err != nil || ok {
			t.Errorf("LoginLinkValid(older link)=%v, %v, want false, nil", ok, err)
		}
		_, err := s.UseLoginLink(t.Context(), oldLink)
		wantInvalid(t, err, "link")
		if oldCode != newCode {
			_, err = s.UseLoginCode(t.Context(), "anna@example.nl", oldCode)
			wantInvalid(t, err, "code")
		}
		if ok, err := s.LoginLinkValid(t.Context(), bertLink); err != nil || !ok {
			t.Errorf("LoginLinkValid(other address)=%v, %v, want true, nil", ok, err)
		}
		if ok, err := s.LoginLinkValid(t.Context(), newLink); err != nil || !ok {
			t.Errorf("LoginLinkValid(newest)=%v, %v, want true, nil", ok, err)
		}
		if _, err := s.UseLoginCode(t.Context(), "anna@example.nl", newCode); err != nil {
			t.Errorf("UseLoginCode(newest)=%v, want nil", err)
		}
	})
}

func TestLoginTokenExpires(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name  string
		after time.Duration
		valid bool
	}{
		{"just before expiry", loginTTL - time.Millisecond, true},
		{"at expiry", loginTTL, false},
		{"a day later", 24 * time.Hour, false},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			forEachDB(t, func(t *testing.T, s *store.Store) {
				clk := newClock(s)
				link, code := mustLoginToken(t, s, store.LoginRequest{Email: "anna@example.nl"})
				clk.Add(tc.after)
				if ok, err := s.LoginLinkValid(t.Context(), link); err != nil || ok != tc.valid {
					t.Errorf("LoginLinkValid=%v, %v, want %v, nil", ok, err, tc.valid)
				}
				_, linkErr := s.UseLoginCode(t.Context(), "anna@example.nl", code)
				if tc.valid {
					if linkErr != nil {
						t.Errorf("UseLoginCode=%v, want nil", linkErr)
					}
					return
				}
				wantInvalid(t, linkErr, "link")
				_, err := s.UseLoginLink(t.Context(), link)
				wantInvalid(t, err, "link")
			})
		})
	}
}

func TestLoginCode(t *testing.T) {
	t.Parallel()
	forEachDB(t, func(t *testing.T, s *store.Store) {
		link, code := mustLoginToken(t, s, store.LoginRequest{Email: "anna@example.nl", SignupName: "Anna", SignupWijk: "noord"})
		// Typed with spaces and another case of the address.
		typed := " " + code[:3] + " " + code[3:] + " "
		got, err := s.UseLoginCode(t.Context(), " ANNA@example.nl", typed)
		if err != nil {
			t.Fatal(err)
		}
		want := store.LoginRequest{Email: "anna@example.nl", SignupName: "Anna", SignupWijk: "noord"}
		if diff := cmp.Diff(want, got); diff != "" {
			t.Errorf("UseLoginCode mismatch (-want +got):\n%s", diff)
		}
		_, err = s.UseLoginCode(t.Context(), "anna@example.nl", code)
		wantInvalid(t, err, "link")
		if ok, err := s.LoginLinkValid(t.Context(), link); err != nil || ok {
			t.Errorf("LoginLinkValid after code use=%v, %v, want false, nil", ok, err)
		}
	})
}

func TestLoginCodeOtherAddress(t *testing.T) {
	t.Parallel()
	forEachDB(t, func(t *testing.T, s *store.Store) {
		_, code := mustLoginToken(t, s, store.LoginRequest{Email: "anna@example.nl"})
		mustLoginToken(t, s, store.LoginRequest{Email: "bert@example.nl"})
		// Anna's code is not a key to Bert's account (unless Bert's code happens to be the same).
		_, err := s.UseLoginCode(t.Context(), "bert@example.nl", code)
		if err == nil {
			t.Skip("Bert's random code equals Anna's; nothing to check")
		}
		wantInvalid(t, err, "code")
	})
}

func TestLoginCodeAttempts(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name    string
		wrong   int
		rightOK bool
	}{
		{"one wrong", 1, true},
		{"one short of the limit", store.MaxCodeAttempts - 1, true},
		{"at the limit", store.MaxCodeAttempts, false},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			forEachDB(t, func(t *testing.T, s *store.Store) {
				link, code := mustLoginToken(t, s, store.LoginRequest{Email: "anna@example.nl"})
				for range tc.wrong {
					_, err := s.UseLoginCode(t.Context(), "anna@example.nl", wrongCode(code))
					wantInvalid(t, err, "code")
				}
				_, err := s.UseLoginCode(t.Context(), "anna@example.nl", code)
				if tc.rightOK {
					if err != nil {
						t.Errorf("UseLoginCode(right) after %d wrong=%v, want nil", tc.wrong, err)
					}
					return
				}
				wantInvalid(t, err, "link")
				// The spent code takes the link with it.
				if ok, err := s.LoginLinkValid(t.Context(), link); err != nil || ok {
					t.Errorf("LoginLinkValid after too many wrong codes=%v, %v, want false, nil", ok, err)
				}
			})
		})
	}
}

// TestLoginTokenUsedOnceConcurrently checks that a one-time token is one
// time even when several requests race for it: exactly one link use wins,
// and wrong codes tried at once all count towards MaxCodeAttempts.
func TestLoginTokenUsedOnceConcurrently(t *testing.T) {
	t.Parallel()
	const n = 10
	forEachDB(t, func(t *testing.T, s *store.Store) {
		t.Run("link", func(t *testing.T) {
			link, _ := mustLoginToken(t, s, store.LoginRequest{Email: "anna@example.nl"})
			errs := make([]error, n)
			var wg sync.WaitGroup
			start := make(chan struct{})
			for i := range n {
				wg.Go(func() {
					<-start
					_, errs[i] = s.UseLoginLink(t.Context(), link)
				})
			}
			close(start)
			wg.Wait()
			codes := map[string]int{}
			for _, err := range errs {
				codes[wei.ErrorCode(err)]++
			}
			if diff := cmp.Diff(map[string]int{"": 1, wei.EINVALID: n - 1}, codes); diff != "" {
				t.Errorf("UseLoginLink results mismatch (-want +got):\n%s\nerrors: %v", diff, errs)
			}
		})
		t.Run("wrong codes", func(t *testing.T) {
			_, code := mustLoginToken(t, s, store.LoginRequest{Email: "bert@example.nl"})
			var wg sync.WaitGroup
			start := make(chan struct{})
			for range 2 * store.MaxCodeAttempts {
				wg.Go(func() {
					<-start
					s.UseLoginCode(t.Context(), "bert@example.nl", wrongCode(code))
				})
			}
			close(start)
			wg.Wait()
			_, err := s.UseLoginCode(t.Context(), "bert@example.nl", code)
			wantInvalid(t, err, "link")
		})
	})
}
