package mail

import (
	"context"
	"net"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/wei-platform/wei/internal/config"
	"github.com/wei-platform/wei/internal/store"
)

func openStore(t *testing.T) *store.Store {
	t.Helper()
	s, err := store.Open(context.Background(), filepath.Join(t.TempDir(), "wei.db"), nil)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	if _, err := s.Migrate(context.Background()); err != nil {
		t.Fatal(err)
	}
	return s
}

func TestSendWithoutSMTPKeepsMailInOutbox(t *testing.T) {
	s := openStore(t)
	if err := New(s, config.SMTP{}, nil).Send(context.Background(), "ria@example.org", "Je inlogcode", "Code: 123456"); err != nil {
		t.Fatal(err)
	}
	mails, err := s.Outbox(context.Background(), 10)
	if err != nil || len(mails) != 1 {
		t.Fatalf("outbox=%v, %v", mails, err)
	}
	if m := mails[0]; m.To != "ria@example.org" || m.Body != "Code: 123456" || !m.SentAt.IsZero() {
		t.Errorf("mail=%+v", m)
	}
}

func TestSendRecordsSMTPFailure(t *testing.T) {
	s := openStore(t)
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	port := ln.Addr().(*net.TCPAddr).Port
	ln.Close() // nothing listens there now
	c := config.SMTP{Host: "127.0.0.1", Port: port, From: "WEI <noreply@example.org>"}
	if err := New(s, c, nil).Send(context.Background(), "ria@example.org", "Onderwerp", "Tekst"); err != nil {
		t.Fatalf("Send=%v, want nil: the failure belongs on the outbox row", err)
	}
	mails, _ := s.Outbox(context.Background(), 10)
	if len(mails) != 1 || mails[0].Error == "" || !mails[0].SentAt.IsZero() {
		t.Fatalf("outbox=%+v, want one unsent mail with an error", mails)
	}
}

func TestCompose(t *testing.T) {
	msg := string(Compose("WEI <noreply@example.org>", "ria@example.org", "Je code: 123456 – inloggen", "Regel 1\nRegel 2", time.Date(2026, 11, 23, 10, 0, 0, 0, time.UTC)))
	for _, want := range []string{"To: ria@example.org\r\n", "Subject: =?utf-8?q?", "Content-Type: text/plain; charset=utf-8", "\r\n\r\nRegel 1\r\nRegel 2"} {
		if !strings.Contains(msg, want) {
			t.Errorf("message lacks %q:\n%s", want, msg)
		}
	}
}
