// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {ERC20} from "@openzeppelin/contracts/token/ERC20/ERC20.sol";

/// @dev An ERC-20 that calls the recipient on every transfer (as ERC-777 or some bridged tokens do),
/// to prove AdMarket and Plots follow checks-effects-interactions whatever token they are given.
contract HookToken is ERC20 {
    constructor(address holder) ERC20("Hook", "HOOK") {
        _mint(holder, 1_000_000_000e18);
    }

    function _update(address from, address to, uint256 value) internal override {
        super._update(from, to, value);
        if (from != address(0) && to.code.length != 0) {
            // Recipients without the hook are fine: the call's failure is ignored.
            (bool ok,) = to.call(abi.encodeWithSignature("onTokenReceived(address,uint256)", from, value));
            ok;
        }
    }
}
