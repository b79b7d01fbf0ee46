package main

import "github.com/spf13/cobra"

func (a *app) backupCmd() *cobra.Command { return notYet("backup") }
