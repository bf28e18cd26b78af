//! Document (ID-1 card, passport page) detection within a capture guide.
