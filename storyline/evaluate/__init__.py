"""Quality measured on labelled data (the logic behind `storyline evaluate ...`)."""
