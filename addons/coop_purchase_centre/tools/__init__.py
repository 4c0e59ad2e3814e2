from .share_out import largest_remainder, round_to_packages
