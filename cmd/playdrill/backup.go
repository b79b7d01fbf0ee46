package main

import (
	"fmt"

	"github.com/spf13/cobra"

	"github.com/playdrill/playdrill/internal/boltdb"
	"github.com/playdrill/playdrill/internal/safe"
)

func (a *app) backupCmd() *cobra.Command {
	var force bool
	cmd := &cobra.Command{
		Use:   "backup OUT",
		Short: "Write a consistent copy of the progress database to OUT",
		Long: "backup copies the progress database to the file OUT in one read transaction, so\n" +
			"the copy is consistent even while the app or a drill is open on it. The copy is\n" +
			"written under a temporary name next to OUT, synced, and then moved into place,\n" +
			"so OUT is never left half-written; it is readable by you only (mode 0600).\n\n" +
			"An existing OUT is not replaced unless --force is given.",
		Args: func(cmd *cobra.Command, args []string) error {
			if len(args) != 1 {
				return usageErrorf("backup takes one argument, the file to write (got %d)", len(args))
			}
			return nil
		},
		RunE: func(_ *cobra.Command, args []string) error { return a.runBackup(args[0], force) },
	}
	cmd.Flags().BoolVar(&force, "force", false, "replace OUT if it exists")
	return cmd
}

func (a *app) runBackup(out string, force bool) error {
	path, err := a.dbFile()
	if err != nil {
		return err
	}
	if err := a.notTheDatabase(out, out); err != nil {
		return err
	}
	db, err := boltdb.Open(path, boltdb.Options{ReadOnly: true, Timeout: lockTimeout})
	if err != nil {
		return err
	}
	defer db.Close()
	n, err := db.Backup(out, force)
	if err != nil {
		return err
	}
	fmt.Fprintf(a.Stdout, "backed up %s to %s (%d bytes)\n", safe.Text(path), safe.Text(out), n)
	return nil
}
