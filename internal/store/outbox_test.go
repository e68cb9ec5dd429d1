package store_test

import (
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/wei-platform/wei"
	"github.com/wei-platform/wei/internal/store"
)

// mustMail puts a message in the outbox.
func mustMail(t testing.TB, s *store.Store, to, subject, body string) store.Mail {
	t.Helper()
	m := store.Mail{To: to, Subject: subject, Body: body}
	if err := s.EnqueueMail(t.Context(), &m); err != nil {
		t.Fatalf("EnqueueMail: %v", err)
	}
	return m
}

func TestOutboxNewestFirst(t *testing.T) {
	t.Parallel()
	forEachDB(t, func(t *testing.T, s *store.Store) {
		clk := newClock(s)
		var want []store.Mail
		for _, subj := range []string{"first", "second", "third"} {
			m := mustMail(t, s, "anna@example.nl", subj, "Hallo,\n\nregel twee.")
			if m.ID == "" {
				t.Fatal("ID=\"\", want an ID set by EnqueueMail")
			}
			want = append([]store.Mail{{ID: m.ID, To: "anna@example.nl", Subject: subj, Body: "Hallo,\n\nregel twee.", CreatedAt: clk.Stored()}}, want...)
			clk.Add(time.Second)
		}
		tests := []struct {
			name  string
			limit int
			want  []store.Mail
		}{
			{"all", 10, want},
			{"limited", 2, want[:2]},
		}
		for _, tc := range tests {
			t.Run(tc.name, func(t *testing.T) {
				got, err := s.Outbox(t.Context(), tc.limit)
				if err != nil {
					t.Fatal(err)
				}
				if diff := cmp.Diff(tc.want, got); diff != "" {
					t.Errorf("Outbox mismatch (-want +got):\n%s", diff)
				}
			})
		}
	})
}

func TestOutboxSameMillisecond(t *testing.T) {
	t.Parallel()
	forEachDB(t, func(t *testing.T, s *store.Store) {
		newClock(s) // every mail gets the same time: the ID breaks the tie
		var want []string
		for _, subj := range []string{"a", "b", "c", "d"} {
			mustMail(t, s, "anna@example.nl", subj, "")
			want = append([]string{subj}, want...)
		}
		got, err := s.Outbox(t.Context(), 10)
		if err != nil {
			t.Fatal(err)
		}
		var subjects []string
		for _, m := range got {
			subjects = append(subjects, m.Subject)
		}
		if diff := cmp.Diff(want, subjects); diff != "" {
			t.Errorf("Outbox order mismatch (-want +got):\n%s", diff)
		}
	})
}

func TestMarkMailSent(t *testing.T) {
	t.Parallel()
	forEachDB(t, func(t *testing.T, s *store.Store) {
		clk := newClock(s)
		m := mustMail(t, s, "anna@example.nl", "Inloggen", "Je code is 123456.")
		other := mustMail(t, s, "bert@example.nl", "Inloggen", "Je code is 654321.")
		steps := []struct {
			name      string
			id        string
			sendErr   string
			code      string
			wantSent  bool
			wantError string
		}{
			{"failed", m.ID, "smtp: 451 try again later", "", false, "smtp: 451 try again later"},
			{"sent on retry", m.ID, "", "", true, ""},
			{"unknown", wei.NewID(), "", wei.ENOTFOUND, true, ""},
		}
		for _, st := range steps {
			t.Run(st.name, func(t *testing.T) {
				clk.Add(time.Minute)
				wantCode(t, s.MarkMailSent(t.Context(), st.id, st.sendErr), st.code)
				list, err := s.Outbox(t.Context(), 10)
				if err != nil {
					t.Fatal(err)
				}
				byID := map[string]store.Mail{}
				for _, x := range list {
					byID[x.ID] = x
				}
				got := byID[m.ID]
				if sent := !got.SentAt.IsZero(); sent != st.wantSent {
					t.Errorf("sent=%v, want %v (SentAt=%v)", sent, st.wantSent, got.SentAt)
				}
				if got.Error != st.wantError {
					t.Errorf("Error=%q, want %q", got.Error, st.wantError)
				}
				if st.name == "sent on retry" && !got.SentAt.Equal(clk.Stored()) {
					t.Errorf("SentAt=%v, want %v", got.SentAt, clk.Stored())
				}
				if o := byID[other.ID]; !o.SentAt.IsZero() || o.Error != "" {
					t.Errorf("other mail SentAt, Error=%v, %q, want untouched", o.SentAt, o.Error)
				}
			})
		}
	})
}
