// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {ERC20} from "@openzeppelin/contracts/token/ERC20/ERC20.sol";
import {ERC20Permit} from "@openzeppelin/contracts/token/ERC20/extensions/ERC20Permit.sol";

/// @title HexToken (HXA)
/// @notice The HexAds platform token: plots, ad budgets and click earnings are all paid in HXA.
/// Fixed supply, minted once to the treasury; EIP-2612 permits let one signature replace an approve.
contract HexToken is ERC20, ERC20Permit {
    /// @notice The whole supply, minted at deploy: one billion HXA.
    uint256 public constant FIXED_SUPPLY = 1_000_000_000e18;

    /// @param treasury Receives the whole supply.
    constructor(address treasury) ERC20("HexAds Token", "HXA") ERC20Permit("HexAds Token") {
        _mint(treasury, FIXED_SUPPLY);
    }
}
