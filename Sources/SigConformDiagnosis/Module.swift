/// Classification of wrong signatures by reproducing known client mistakes.
