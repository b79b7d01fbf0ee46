package main

import "github.com/spf13/cobra"

func (a *app) drillCmd() *cobra.Command { return notYet("drill") }
