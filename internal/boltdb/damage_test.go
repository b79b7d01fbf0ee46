package boltdb

import (
	"crypto/sha256"
	"fmt"
	"io/fs"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	bolt "go.etcd.io/bbolt"
	berrors "go.etcd.io/bbolt/errors"

	"github.com/playdrill/playdrill/internal/playbook"
)

func fileSum(t *testing.T, path string) [32]byte {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return sha256.Sum256(data)
}

// realDatabase makes a playdrill database with n attempts and returns its
// bytes.
func realDatabase(t testing.TB, n int) []byte {
	t.Helper()
	path := filepath.Join(t.TempDir(), "real.db")
	db, err := Open(path, Options{Now: fixedClock(t0)})
	if err != nil {
		t.Fatal(err)
	}
	var batch []playbook.Attempt
	for i := 0; i < n; i++ {
		a := attempt(fmt.Sprint("id-", i), "ana", fmt.Sprint("card-", i%50), t0.Add(time.Duration(i)*time.Minute))
		a.Response = strings.Repeat("long answer ", 20)
		batch = append(batch, a)
	}
	if _, err := db.Import(playbook.ImportBatch{Attempts: batch}); err != nil {
		t.Fatal(err)
	}
	db.Close()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return data
}

// foreignBolt makes a bbolt file of some other program.
func foreignBolt(t *testing.T, opt *bolt.Options, fn func(*bolt.Tx) error) []byte {
	t.Helper()
	path := filepath.Join(t.TempDir(), "other.db")
	db, err := bolt.Open(path, 0o600, opt)
	if err != nil {
		t.Fatal(err)
	}
	if err := db.Update(fn); err != nil {
		t.Fatal(err)
	}
	db.Close()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return data
}

func TestDamagedOrForeignFilesAreRefusedAndLeftAlone(t *testing.T) {
	random := make([]byte, 64<<10)
	rng := rand.New(rand.NewPCG(7, 7))
	for i := range random {
		random[i] = byte(rng.UintN(256))
	}
	real := realDatabase(t, 2000)
	if len(real) < 16*4096 {
		t.Fatalf("the real database is only %d bytes; truncation would test little", len(real))
	}
	otherApp := foreignBolt(t, nil, func(tx *bolt.Tx) error {
		b, err := tx.CreateBucket([]byte("settings"))
		if err != nil {
			return err
		}
		return b.Put([]byte("theme"), []byte("dark"))
	})
	// bbolt would rewrite the freelist of a file like this one on a
	// read-write open: it must never get that far.
	noFreelist := foreignBolt(t, &bolt.Options{NoFreelistSync: true}, func(tx *bolt.Tx) error {
		_, err := tx.CreateBucket([]byte("keys"))
		return err
	})
	wrongApp := foreignBolt(t, nil, func(tx *bolt.Tx) error {
		b, err := tx.CreateBucket(bucketMeta)
		if err != nil {
			return err
		}
		if err := b.Put(keyApp, []byte("someone-else")); err != nil {
			return err
		}
		return b.Put(keySchema, []byte("1"))
	})
	badSchema := foreignBolt(t, nil, func(tx *bolt.Tx) error {
		b, err := tx.CreateBucket(bucketMeta)
		if err != nil {
			return err
		}
		if err := b.Put(keyApp, []byte(appID)); err != nil {
			return err
		}
		return b.Put(keySchema, []byte("two"))
	})

	cases := []struct {
		name string
		data []byte
		says string
	}{
		{"random bytes", random, "not a playdrill database"},
		{"another program's bbolt file", otherApp, "without playdrill's meta"},
		{"bbolt file without a synced freelist", noFreelist, "without playdrill's meta"},
		{"another app id", wrongApp, "without playdrill's meta"},
		{"unreadable schema", badSchema, "schema version is unreadable"},
		{"empty file", nil, "empty file"},
		{"truncated to half", real[:len(real)/2], "truncated"},
		{"truncated to a page and a bit", real[:5000], "not a playdrill database"},
		{"truncated to a few bytes", real[:100], "not a playdrill database"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			path := filepath.Join(t.TempDir(), "progress.db")
			if err := os.WriteFile(path, c.data, 0o600); err != nil {
				t.Fatal(err)
			}
			before := fileSum(t, path)
			for _, ro := range []bool{false, true} {
				db, err := Open(path, Options{ReadOnly: ro, Timeout: 200 * time.Millisecond})
				if err == nil {
					db.Close()
					t.Fatalf("read-only %v: Open accepted it", ro)
				}
				wantCode(t, err, playbook.ENotStore)
				msg := err.Error()
				if !strings.Contains(msg, path) || !strings.Contains(msg, c.says) || !strings.Contains(msg, "left as it is") {
					t.Errorf("message %q should name the file, say %q and that it was left alone", msg, c.says)
				}
			}
			rep, err := Check(path, Options{})
			if err != nil {
				t.Fatalf("Check: %v", err)
			}
			if rep.Healthy() {
				t.Errorf("Check called it healthy: %+v", rep)
			}
			if fileSum(t, path) != before {
				t.Fatal("the file's bytes changed")
			}
		})
	}
}

func TestFolderIsNotADatabase(t *testing.T) {
	dir := t.TempDir()
	_, err := Open(dir, Options{})
	wantCode(t, err, playbook.ENotStore)
}

func TestRealDatabaseCopyIsAccepted(t *testing.T) {
	path := filepath.Join(t.TempDir(), "copy.db")
	if err := os.WriteFile(path, realDatabase(t, 300), 0o600); err != nil {
		t.Fatal(err)
	}
	db, err := Open(path, Options{Now: fixedClock(t0)})
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	if tot, err := db.Totals("ana"); err != nil || tot.Attempts != 300 {
		t.Fatalf("Totals: %+v, %v", tot, err)
	}
}

func TestDeviceIsNotADatabase(t *testing.T) {
	info, err := os.Stat(os.DevNull)
	if err != nil || info.Mode().IsRegular() {
		t.Skipf("%s is not a device here", os.DevNull)
	}
	_, err = Open(os.DevNull, Options{})
	wantCode(t, err, playbook.ENotStore)
	if !strings.Contains(err.Error(), "not a regular file") {
		t.Fatalf("error %q does not say the file is not a regular file", err)
	}
}

func TestFileSystemErrorsAreNotCalledDamage(t *testing.T) {
	path := "/data/progress.db"
	for _, tc := range []struct {
		err  error
		want string
	}{
		{&fs.PathError{Op: "open", Path: path, Err: syscall.EROFS}, "read-only file system"},
		{&fs.PathError{Op: "open", Path: path, Err: syscall.EIO}, "input/output error"},
		{&fs.PathError{Op: "open", Path: path, Err: syscall.EACCES}, "permission denied"},
	} {
		err := openError(path, tc.err)
		wantCode(t, err, playbook.EInternal)
		if msg := err.Error(); !strings.Contains(msg, tc.want) || strings.Contains(msg, "not a playdrill database") {
			t.Errorf("openError(%v) = %q, want it to say %q and not call the file damaged", tc.err, msg, tc.want)
		}
	}
	wantCode(t, openError(path, berrors.ErrInvalid), playbook.ENotStore)
}

// doctor names a pipe, a socket or a device for what it is, without
// opening it (a pipe would block), and opening one is refused the same way.
func TestPipesSocketsAndDevicesAreNamedNotOpened(t *testing.T) {
	dir := t.TempDir()
	fifo := filepath.Join(dir, "fifo.db")
	if err := syscall.Mkfifo(fifo, 0o600); err != nil {
		t.Skip("no FIFOs here:", err)
	}
	cases := map[string]string{fifo: "a named pipe (FIFO)"}
	if info, err := os.Stat(os.DevNull); err == nil && !info.Mode().IsRegular() {
		cases[os.DevNull] = "a device"
	}
	for path, what := range cases {
		done := make(chan *Report, 1)
		go func() {
			rep, _ := Check(path, Options{})
			done <- rep
		}()
		select {
		case rep := <-done:
			if rep == nil || rep.Healthy() || !strings.Contains(strings.Join(rep.Problems, " "), what) {
				t.Errorf("doctor on %s: %+v, want a problem naming %s", path, rep, what)
			}
		case <-time.After(time.Minute): // it returns at once; a minute is no wait a loaded machine causes
			t.Fatalf("doctor on %s did not return", path)
		}
		_, err := Open(path, Options{})
		if err == nil || !strings.Contains(err.Error(), what) {
			t.Errorf("Open %s: %v, want an error naming %s", path, err, what)
		}
	}
}
