package main

import (
	"fmt"
	"io"
	"strings"

	"github.com/spf13/cobra"

	"github.com/playdrill/playdrill/internal/boltdb"
	"github.com/playdrill/playdrill/internal/safe"
	"github.com/playdrill/playdrill/internal/words"
)

func (a *app) doctorCmd() *cobra.Command {
	return &cobra.Command{
		Use:   "doctor",
		Short: "Check the progress database for damage",
		Long: "doctor opens the progress database read-only and checks it: bbolt's consistency\n" +
			"check of every page, then playdrill's own checks (that it is a playdrill database\n" +
			"of a known schema version, and that each rep's running totals and indexes agree\n" +
			"with the recorded attempts). It never changes the file.\n\n" +
			"Exit status: 0 healthy; 1 problems found, or the database cannot be checked\n" +
			"(missing, or in use by another playdrill).",
		Args: cobra.NoArgs,
		RunE: func(*cobra.Command, []string) error { return a.runDoctor() },
	}
}

func (a *app) runDoctor() error {
	path, err := a.dbFile()
	if err != nil {
		return err
	}
	rep, err := boltdb.Check(path, boltdb.Options{Timeout: lockTimeout})
	if err != nil {
		return err
	}
	// The report is written in one piece so that a failed write (a full
	// disk, a closed pipe) is not taken for a healthy check.
	var b strings.Builder
	printCheck(&b, rep)
	if _, err := io.WriteString(a.Stdout, b.String()); err != nil {
		return err
	}
	if !rep.Healthy() {
		return silentExit(exitFailure)
	}
	return nil
}

// printCheck writes the doctor's report; the path and bbolt's messages
// pass through safe.Text since a file name can hold control characters.
func printCheck(w io.Writer, rep *boltdb.Report) {
	fmt.Fprintf(w, "database  %s\n", safe.Text(rep.Path))
	fmt.Fprintf(w, "size      %d bytes\n", rep.Bytes)
	if rep.Schema > 0 {
		fmt.Fprintf(w, "schema    %d\n", rep.Schema)
	}
	if rep.Healthy() {
		fmt.Fprintf(w, "reps      %d\n", rep.Reps)
		fmt.Fprintf(w, "attempts  %d\n", rep.Attempts)
		fmt.Fprintf(w, "feedback  %d\n", rep.Feedback)
		fmt.Fprintln(w, "healthy: bbolt's consistency check and playdrill's checks passed")
		return
	}
	for _, p := range rep.Problems {
		fmt.Fprintf(w, "problem   %s\n", safe.Text(p))
	}
	fmt.Fprintf(w, "%s found; the file was not changed\n", words.Count(len(rep.Problems), "problem"))
}
